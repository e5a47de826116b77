import "server-only";
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { adjacencyGraphs, dictionary } from "@zxcvbn-ts/language-common";

// A password must be long (10 to 128 characters, the shared schema says) and
// not easy to guess: zxcvbn's estimate, against the most common passwords,
// keyboard patterns, repeats and sequences, and the person's own name, email
// and company, must reach MIN_SCORE ("safely unguessable" against an online
// attack). Checked on the server only: the dictionaries are large, and every
// way to set a password goes through a server action.
const MIN_SCORE = 3;

const strength = new ZxcvbnFactory({ graphs: adjacencyGraphs, dictionary });

const WARNINGS: Record<string, string> = {
  common: "it is one of the most common passwords",
  topTen: "it is one of the ten most common passwords",
  topHundred: "it is one of the hundred most common passwords",
  simpleRepeat: "it repeats one character",
  extendedRepeat: "it repeats a pattern",
  sequences: "it is a sequence like abc or 123",
  straightRow: "it is a row of keys",
  keyPattern: "it is a keyboard pattern",
  dates: "it is a date",
  recentYears: "it is a recent year",
  userInputs: "it contains your name, email or company",
};

/** Why `password` is too easy to guess, as a field message, or null when it is not. */
export function passwordProblem(password: string, personal: (string | undefined)[] = []): string | null {
  const inputs = personal
    .flatMap((value) => (value ? [value, ...value.split(/[@.\s_-]+/)] : []))
    .map((v) => v.toLowerCase());
  const result = strength.check(
    password,
    inputs.filter((value) => value.length >= 3),
  );
  if (result.score >= MIN_SCORE) return null;
  const why = WARNINGS[result.feedback.warning ?? ""];
  return `Too easy to guess${why ? `: ${why}` : ""}. Use a longer phrase of unrelated words.`;
}
