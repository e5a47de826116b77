import "server-only";
import { notFound } from "next/navigation";
import { AppError } from "./errors";

/** For pages: a NOT_FOUND AppError becomes the 404 page (also for other partners' ids). */
export async function orNotFound<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}
