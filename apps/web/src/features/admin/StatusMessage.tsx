/**
 * The confirmation after an action. The live region stays in the page so that screen readers
 * announce each new message; it is empty (and invisible) until there is one.
 */
export function StatusMessage({ message }: { message: string | null }) {
  return (
    <div role="status" className={message ? 'alert alert-success' : undefined}>
      {message ? <p>{message}</p> : null}
    </div>
  );
}
