/** A date rendered the same on server and client (UTC), exact time on hover. */
export function DateTime({ value }: { value: Date }) {
  const iso = value.toISOString();
  const label = `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
  return (
    <time dateTime={iso} title={iso}>
      {label}
    </time>
  );
}
