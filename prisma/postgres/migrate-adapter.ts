import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";

// The pg driver adapter as Prisma 6.19's CLI (migrate) needs it. Two defects
// of @prisma/adapter-pg 6.19 stop migrations, and neither touches the portal
// at run time, so they are worked around here, for the CLI only:
//
// 1. Catalog columns of type `name` (OID 19) cannot be mapped, and every
//    migrate command fails with "Column type 'name' could not be deserialized"
//    (prisma/orm#27403, open). A `name` is text, so it is reported as text.
// 2. Migration scripts are split on every ";" before they are sent, which
//    cuts a PL/pgSQL function body (the protocol guard) apart. PostgreSQL runs
//    a multi-statement script itself, in one implicit transaction, so the
//    script is sent whole.
const NAME_OID = 19;
const TEXT_OID = 25;
type AddFields = (this: object, fields: Array<{ dataTypeID: number }>) => void;
const Result = (pg as unknown as { Result: { prototype: { addFields: AddFields } } }).Result;
const addFields = Result.prototype.addFields;
Result.prototype.addFields = function (fields) {
  for (const field of fields) if (field.dataTypeID === NAME_OID) field.dataTypeID = TEXT_OID;
  addFields.call(this, fields);
};

export class MigratePrismaPg extends PrismaPg {
  private readonly pool: pg.Pool;

  constructor(connectionString: string) {
    const pool = new pg.Pool({ connectionString });
    super(pool);
    this.pool = pool;
  }

  override async connect() {
    const adapter = await super.connect();
    adapter.executeScript = async (script: string) => {
      await this.pool.query(script);
    };
    return adapter;
  }
}
