import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit log: who changed what sensitive thing, when, in which request, from what to what.
 * Append-only is the database's rule, not the application's promise: a statement trigger
 * refuses UPDATE, DELETE and TRUNCATE for every role (superusers included, who are the app's
 * role in development and tests), and the privileges are withdrawn as well.
 *
 * Personal data stays out, so that an erasure (RGPD art. 17) never needs to rewrite history:
 * the actor is an id plus a label that is a role or a system name (the CHECK makes a name or an
 * e-mail impossible), and entries hold ids and business fields. A reader resolves the id to the
 * user's current name, which the erasure anonymises where it lives.
 */
export class CreateAuditLog1796100000000 implements MigrationInterface {
  name = 'CreateAuditLog1796100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE audit_log (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        -- The statement's own time, not the transaction's: entries of one transaction keep their order.
        occurred_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        -- Null for the system (the worker, a scheduled job, the bank's statement).
        actor_user_id uuid,
        actor_label text NOT NULL CHECK (actor_label ~ '^[a-z][a-z0-9_.:-]{0,63}$'),
        request_id text CHECK (length(request_id) BETWEEN 1 AND 128),
        action text NOT NULL CHECK (action ~ '^[a-z]+(_[a-z]+)*(\\.[a-z]+([_-][a-z]+)*)+$'),
        entity_type text NOT NULL CHECK (entity_type ~ '^[a-z]+(_[a-z]+)*$' AND length(entity_type) <= 40),
        entity_id text NOT NULL CHECK (length(entity_id) BETWEEN 1 AND 200),
        before jsonb,
        after jsonb,
        reason text CHECK (length(reason) <= 2000),
        context jsonb NOT NULL DEFAULT '{}',
        CHECK (before IS NOT NULL OR after IS NOT NULL)
      )`);
    // One index per filter of GET /admin/audit, each ending in the page order (newest first).
    await db.query(`CREATE INDEX audit_log_time_idx ON audit_log (occurred_at DESC, id DESC)`);
    await db.query(
      `CREATE INDEX audit_log_actor_idx ON audit_log (actor_user_id, occurred_at DESC, id DESC) WHERE actor_user_id IS NOT NULL`,
    );
    await db.query(
      `CREATE INDEX audit_log_entity_idx ON audit_log (entity_type, entity_id, occurred_at DESC, id DESC)`,
    );
    await db.query(
      `CREATE INDEX audit_log_action_idx ON audit_log (action, occurred_at DESC, id DESC)`,
    );

    await db.query(`
      CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the audit log is append-only: % is refused', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    // Statement triggers fire even when no row matches, so nothing can probe around them.
    await db.query(`
      CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`);
    // ALWAYS: the trigger fires even under session_replication_role = replica, the switch a
    // superuser could otherwise flip to run DML without triggers.
    await db.query(`ALTER TABLE audit_log ENABLE ALWAYS TRIGGER audit_log_append_only`);
    await db.query(`REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM PUBLIC`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE audit_log`);
    await db.query(`DROP FUNCTION audit_log_append_only()`);
  }
}
