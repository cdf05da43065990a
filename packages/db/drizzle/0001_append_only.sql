-- The spend ledger and the arena votes are history: rows are only ever added.
CREATE FUNCTION "public"."atelier_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'restrict_violation';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "spend_ledger_append_only" BEFORE UPDATE OR DELETE ON "spend_ledger"
  FOR EACH ROW EXECUTE FUNCTION "public"."atelier_refuse_change"();
--> statement-breakpoint
CREATE TRIGGER "spend_ledger_no_truncate" BEFORE TRUNCATE ON "spend_ledger"
  FOR EACH STATEMENT EXECUTE FUNCTION "public"."atelier_refuse_change"();
--> statement-breakpoint
CREATE TRIGGER "votes_append_only" BEFORE UPDATE OR DELETE ON "votes"
  FOR EACH ROW EXECUTE FUNCTION "public"."atelier_refuse_change"();
--> statement-breakpoint
CREATE TRIGGER "votes_no_truncate" BEFORE TRUNCATE ON "votes"
  FOR EACH STATEMENT EXECUTE FUNCTION "public"."atelier_refuse_change"();
