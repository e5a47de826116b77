/** A member as the audit log names them: "Ada Lovelace <ada@example.com>". */
export const memberLabel = (name: string, email: string): string => (name ? `${name} <${email}>` : email);
