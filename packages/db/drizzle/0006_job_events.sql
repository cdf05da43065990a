CREATE TABLE "job_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"generation_id" text NOT NULL,
	"seq" integer NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "job_events" ADD CONSTRAINT "job_events_generation_id_generations_id_fk" FOREIGN KEY ("generation_id") REFERENCES "public"."generations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "job_events_generation_seq_idx" ON "job_events" USING btree ("generation_id","seq");--> statement-breakpoint
-- Every new event is announced with its ids only ("<id> <generation id> <seq>"): NOTIFY payloads
-- are small and delivered at commit, and listeners read the row itself.
CREATE FUNCTION "public"."atelier_announce_job_event"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('atelier_job_events', NEW.id || ' ' || NEW.generation_id || ' ' || NEW.seq);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "job_events_announce" AFTER INSERT ON "job_events"
  FOR EACH ROW EXECUTE FUNCTION "public"."atelier_announce_job_event"();
