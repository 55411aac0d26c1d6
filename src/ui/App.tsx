/** Placeholder shell; the real playground UI replaces this. */
export function App() {
  return (
    <main>
      <h1>OTP Supervision Playground</h1>
      <p>Build supervision trees, crash processes, and watch OTP restart them.</p>
    </main>
  );
}
