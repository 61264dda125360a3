-- AlterTable
ALTER TABLE "SalesforceRecord" ADD COLUMN     "recordJson" TEXT;

-- Hand-written: a records page (modules/data-sources/record-queries.ts) splices each record's
-- SourceRecord members "name" through "fields" from this text instead of writing jsonb out as text
-- and picking the essentials from it on every read (decision 021). The essentials follow
-- record-view.ts: a non-empty JSON string, else null; the text escapes as JSON.stringify does.
-- IMMUTABLE (one input, no settings read) so a page's fallback for an older row inlines it.
CREATE FUNCTION "SalesforceRecord_members"(fields jsonb) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURN
  '"name":' || CASE WHEN jsonb_typeof(fields->'Name') = 'string' AND fields->>'Name' <> '' THEN (fields->'Name')::text ELSE 'null' END
    || ',"firstName":' || CASE WHEN jsonb_typeof(fields->'FirstName') = 'string' AND fields->>'FirstName' <> '' THEN (fields->'FirstName')::text ELSE 'null' END
    || ',"lastName":' || CASE WHEN jsonb_typeof(fields->'LastName') = 'string' AND fields->>'LastName' <> '' THEN (fields->'LastName')::text ELSE 'null' END
    || ',"email":' || CASE WHEN jsonb_typeof(fields->'Email') = 'string' AND fields->>'Email' <> '' THEN (fields->'Email')::text ELSE 'null' END
    || ',"phone":' || CASE WHEN jsonb_typeof(fields->'Phone') = 'string' AND fields->>'Phone' <> '' THEN (fields->'Phone')::text ELSE 'null' END
    || ',"mobilePhone":' || CASE WHEN jsonb_typeof(fields->'MobilePhone') = 'string' AND fields->>'MobilePhone' <> '' THEN (fields->'MobilePhone')::text ELSE 'null' END
    || ',"fields":' || fields::text;

-- On every write of `fields`, in the statement that writes it: no writer (record store, field
-- removal, tests) can store fields whose served text is stale. Rows written before this migration
-- keep NULL (no table rewrite, no long lock) and are served through the same function until their
-- next write.
CREATE FUNCTION "SalesforceRecord_set_recordJson"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."recordJson" := "SalesforceRecord_members"(NEW.fields);
  RETURN NEW;
END
$$;
CREATE TRIGGER "SalesforceRecord_recordJson" BEFORE INSERT OR UPDATE OF fields ON "SalesforceRecord"
  FOR EACH ROW EXECUTE FUNCTION "SalesforceRecord_set_recordJson"();
