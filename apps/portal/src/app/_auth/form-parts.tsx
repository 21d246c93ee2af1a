// The parts every portal form shares besides its fields (text-field.tsx): the error that belongs to no
// field, and the submit button that says what it is doing while the request runs.

/** The request's error when no field names it (field errors are shown beside their fields). */
export function FormProblem({
  error,
}: {
  error: { message: string; data?: { fieldErrors?: unknown[] | null } | null } | null;
}) {
  if (!error || error.data?.fieldErrors?.length) return null;
  return (
    <p role="alert" className="text-red-700 dark:text-red-400">
      {error.message}
    </p>
  );
}

export function SubmitButton({
  pending,
  label,
  busyLabel,
}: {
  pending: boolean;
  label: string;
  busyLabel: string;
}) {
  return (
    <button
      type="submit"
      disabled={pending}
      className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-700 disabled:opacity-60"
    >
      {pending ? busyLabel : label}
    </button>
  );
}
