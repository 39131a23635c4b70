import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Generated documents as records: each PDF is stored once, under a key made from its own id, with
 * its SHA-256; a new version is a new row of the same series, never an overwrite. Simple electronic
 * signatures (who, when, the hash they consented to) are kept beside them, append-only too.
 */
export class CreateDocuments1796207000000 implements MigrationInterface {
  name = 'CreateDocuments1796207000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE documents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        -- What it is, in the producing context's words (e.g. 'training.convention').
        kind text NOT NULL CHECK (kind ~ '^[a-z]+\\.[a-z_]+$'),
        -- The versions of one document share a series key (e.g. 'convention:<bookingId>').
        series_key text NOT NULL CHECK (length(series_key) BETWEEN 1 AND 200),
        version integer NOT NULL CHECK (version > 0),
        title text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 300),
        file_name text NOT NULL CHECK (file_name ~ '^[A-Za-z0-9._-]{1,200}$'),
        content_type text NOT NULL DEFAULT 'application/pdf',
        sha256 char(64) NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        byte_size integer NOT NULL CHECK (byte_size > 0),
        storage_key text NOT NULL UNIQUE,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT documents_series_version_key UNIQUE (series_key, version)
      )`);
    await db.query(`
      CREATE TABLE document_signatures (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        document_id uuid NOT NULL REFERENCES documents (id),
        -- Which side signed, in the producing context's words (e.g. 'organisation', 'chambre').
        party text NOT NULL CHECK (length(party) BETWEEN 1 AND 50),
        signer_user_id uuid,
        signer_name text NOT NULL CHECK (length(btrim(signer_name)) BETWEEN 1 AND 200),
        signer_email text,
        signer_capacity text,
        -- The hash of the very bytes shown and consented to: equal to the document's.
        document_sha256 char(64) NOT NULL,
        consent_text text NOT NULL CHECK (length(btrim(consent_text)) > 0),
        ip_address text,
        user_agent text,
        signed_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT document_signatures_party_key UNIQUE (document_id, party)
      )`);
    await db.query(
      `CREATE INDEX document_signatures_signer_idx ON document_signatures (signer_user_id) WHERE signer_user_id IS NOT NULL`,
    );
    await db.query(`
      CREATE FUNCTION documents_are_records() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% % is a stored record and cannot be changed or deleted; store a new version',
          TG_TABLE_NAME, OLD.id USING ERRCODE = 'integrity_constraint_violation';
      END $$`);
    await db.query(`
      CREATE TRIGGER documents_are_records BEFORE UPDATE OR DELETE ON documents
      FOR EACH ROW EXECUTE FUNCTION documents_are_records()`);
    await db.query(`
      CREATE TRIGGER document_signatures_are_records BEFORE UPDATE OR DELETE ON document_signatures
      FOR EACH ROW EXECUTE FUNCTION documents_are_records()`);
    await db.query(`
      CREATE FUNCTION document_signature_matches() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.document_sha256 <> (SELECT sha256 FROM documents WHERE id = NEW.document_id) THEN
          RAISE EXCEPTION 'a signature must be given on the stored bytes of document %', NEW.document_id
            USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await db.query(`
      CREATE TRIGGER document_signature_matches BEFORE INSERT ON document_signatures
      FOR EACH ROW EXECUTE FUNCTION document_signature_matches()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE document_signatures`);
    await db.query(`DROP TABLE documents`);
    await db.query(`DROP FUNCTION document_signature_matches`);
    await db.query(`DROP FUNCTION documents_are_records`);
  }
}
