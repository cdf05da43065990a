CREATE TABLE "catalog_versions" (
	"id" text PRIMARY KEY NOT NULL,
	"as_of" text NOT NULL,
	"overlay" jsonb NOT NULL,
	"models" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"applied_by" text,
	"applied_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "catalog_versions" ADD CONSTRAINT "catalog_versions_applied_by_users_id_fk" FOREIGN KEY ("applied_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "catalog_versions_applied_idx" ON "catalog_versions" USING btree ("applied_at","id");