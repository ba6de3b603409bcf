interface Props {
  error: string | null;
  done?: string | null;
  id?: string;
}

/** A form's outcome: the server's message as an alert, or a polite confirmation. */
export function FormStatus({ error, done, id }: Props) {
  if (error) {
    return (
      <p id={id} className="form-error" role="alert">
        {error}
      </p>
    );
  }
  return (
    <p className="admin-done" role="status">
      {done ?? ''}
    </p>
  );
}
