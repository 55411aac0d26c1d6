import { useView } from './context';

/** The selected process's pid key (the store follows a restarted child to its new pid). */
export function useSelected(): string | undefined {
  return useView((s) => s.selected);
}
