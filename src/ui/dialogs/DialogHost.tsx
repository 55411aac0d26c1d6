import { Suspense, lazy } from 'react';
import { exhaustiveSwitchError } from '../../base';
import { processLabel } from '../../store/selectors';
import { messageExamples } from '../../app/behaviourCatalog';
import { useDispatch, usePlaygroundContext, useUi, useView } from '../context';
import { findSup } from '../../app/workspace/specEdit';
import type { DialogState } from '../../app/uiStore';
import { MessageDialog } from './MessageDialog';
import { ReasonDialog } from './ReasonDialog';
import { useReturnFocus } from './useReturnFocus';

// The dialogs a person opens now and then load when first opened: they are not part of the
// page's (or an embed's) first paint. Send and Crash/Exit, opened by shortcuts, stay at hand.
const ExportDialog = lazy(() =>
  import('./ExportDialog').then((m) => ({ default: m.ExportDialog })),
);
const AddChildDialog = lazy(() =>
  import('./AddChildDialog').then((m) => ({ default: m.AddChildDialog })),
);
const ConfirmResetDialog = lazy(() =>
  import('./ConfirmResetDialog').then((m) => ({ default: m.ConfirmResetDialog })),
);
const FlagsDialog = lazy(() => import('./FlagsDialog').then((m) => ({ default: m.FlagsDialog })));
const LessonsDialog = lazy(() =>
  import('./LessonsDialog').then((m) => ({ default: m.LessonsDialog })),
);
const ModulesDialog = lazy(() =>
  import('./ModulesDialog').then((m) => ({ default: m.ModulesDialog })),
);
const OpenWorkspaceDialog = lazy(() =>
  import('./OpenWorkspaceDialog').then((m) => ({ default: m.OpenWorkspaceDialog })),
);
const RecoverDialog = lazy(() =>
  import('./RecoverDialog').then((m) => ({ default: m.RecoverDialog })),
);
const ShareDialog = lazy(() => import('./ShareDialog').then((m) => ({ default: m.ShareDialog })));
const ShortcutsDialog = lazy(() =>
  import('./ShortcutsDialog').then((m) => ({ default: m.ShortcutsDialog })),
);

/** Renders the one open dialog (from the UI store), so any action can open any dialog. */
export function DialogHost() {
  const dialog = useUi((s) => s.dialog);
  const dispatch = useDispatch();
  const close = () => dispatch({ type: 'close_dialog' });
  const target = dialog && 'target' in dialog ? dialog.target : undefined;
  const proc = useView((s) => (target === undefined ? undefined : s.processes.get(target)));
  const label = proc
    ? `${processLabel(proc)}${processLabel(proc) === proc.key ? '' : ` ${proc.key}`}`
    : (target ?? '');
  useReturnFocus(dialog);

  if (!dialog) return null;
  return <Suspense fallback={null}>{dialogFor(dialog, label, proc?.behaviour, close)}</Suspense>;
}

function dialogFor(
  dialog: NonNullable<DialogState>,
  label: string,
  behaviour: string | undefined,
  close: () => void,
) {
  switch (dialog.kind) {
    case 'shortcuts':
      return <ShortcutsDialog onClose={close} />;
    case 'send':
      return (
        <MessageDialog
          key={`${dialog.mode}-${dialog.target}`}
          mode={dialog.mode}
          target={dialog.target}
          targetLabel={label}
          examples={messageExamples(behaviour ?? '', dialog.mode)}
          onClose={close}
        />
      );
    case 'crash':
    case 'exit_signal':
      return (
        <ReasonDialog
          key={dialog.kind}
          kind={dialog.kind}
          target={dialog.target}
          targetLabel={label}
          onClose={close}
        />
      );
    case 'add_child':
      return <AddChild supPath={dialog.supPath} behaviour={dialog.behaviour} onClose={close} />;
    case 'flags':
      return <Flags supPath={dialog.supPath} onClose={close} />;
    case 'modules':
      return <ModulesDialog name={dialog.name} onClose={close} />;
    case 'export':
      return <ExportDialog onClose={close} />;
    case 'share':
      return <ShareDialog url={dialog.url} error={dialog.error} onClose={close} />;
    case 'confirm_reset':
      return <ConfirmResetDialog onClose={close} />;
    case 'lessons':
      return <LessonsDialog onClose={close} />;
    case 'open_workspace':
      return <OpenWorkspaceDialog offer={dialog.offer} />;
    case 'recover':
      return <RecoverDialog onClose={close} />;
    default:
      return exhaustiveSwitchError(dialog);
  }
}

function AddChild({
  supPath,
  behaviour,
  onClose,
}: {
  supPath: string;
  behaviour: string | undefined;
  onClose: () => void;
}) {
  const { engine } = usePlaygroundContext();
  const workspace = useUi((s) => s.workspace);
  // Ids the live supervisor has, plus the ones the workspace records.
  const liveIds = useView((s) => {
    const r = engine.resolve(supPath);
    return r ? s.processes.get(r.key)?.supervisor?.children : undefined;
  });
  const root = workspace.nodes.find((n) => n.root.id === supPath.split('/')[0])?.root;
  const specIds = (root && findSup(root, supPath)?.children.map((c) => c.id)) ?? [];
  const ids = [...new Set([...(liveIds ?? []), ...specIds])];
  return (
    <AddChildDialog
      supPath={supPath}
      existingIds={ids}
      initialBehaviour={behaviour}
      onClose={onClose}
    />
  );
}

function Flags({ supPath, onClose }: { supPath: string; onClose: () => void }) {
  const { engine } = usePlaygroundContext();
  const flavour = useUi((s) => s.workspace.flavour);
  const sup = useView((s) => {
    const r = engine.resolve(supPath);
    return r ? s.processes.get(r.key)?.supervisor : undefined;
  });
  const dflt = flavour === 'erlang' ? { intensity: 1, period: 5 } : { intensity: 3, period: 5 };
  const strategy = sup?.strategy;
  return (
    <FlagsDialog
      supPath={supPath}
      strategy={
        strategy === 'one_for_all' ||
        strategy === 'rest_for_one' ||
        strategy === 'simple_one_for_one'
          ? strategy
          : 'one_for_one'
      }
      intensity={sup?.intensity ?? dflt.intensity}
      period={sup?.period ?? dflt.period}
      onClose={onClose}
    />
  );
}
