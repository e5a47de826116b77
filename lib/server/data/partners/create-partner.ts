import "server-only";
import { db } from "../../database/db";
import { newId } from "../../ids";

function slugify(name: string): string {
  const base = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
  return `${base || "partner"}-${newId().slice(0, 8)}`;
}

/** Creates a partner organization with the given user as its owner. */
export async function createPartner(options: { name: string; ownerUserId: string }): Promise<{ id: string }> {
  const id = newId();
  const now = new Date();
  await db.$transaction([
    db.organization.create({ data: { id, name: options.name, slug: slugify(options.name), createdAt: now } }),
    db.member.create({
      data: { id: newId(), organizationId: id, userId: options.ownerUserId, role: "owner", createdAt: now },
    }),
  ]);
  return { id };
}
