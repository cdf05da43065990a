CREATE TYPE "public"."input_role" AS ENUM('reference', 'mask');--> statement-breakpoint
CREATE TABLE "asset_uploads" (
	"owner_id" text NOT NULL,
	"sha256" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "asset_uploads_owner_id_sha256_pk" PRIMARY KEY("owner_id","sha256")
);
--> statement-breakpoint
CREATE TABLE "generation_inputs" (
	"generation_id" text NOT NULL,
	"role" "input_role" NOT NULL,
	"index" integer NOT NULL,
	"sha256" text NOT NULL,
	CONSTRAINT "generation_inputs_generation_id_role_index_pk" PRIMARY KEY("generation_id","role","index"),
	CONSTRAINT "generation_inputs_index_non_negative" CHECK ("generation_inputs"."index" >= 0)
);
--> statement-breakpoint
ALTER TABLE "generations" ADD COLUMN "shared_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "asset_uploads" ADD CONSTRAINT "asset_uploads_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_uploads" ADD CONSTRAINT "asset_uploads_sha256_assets_sha256_fk" FOREIGN KEY ("sha256") REFERENCES "public"."assets"("sha256") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "generation_inputs" ADD CONSTRAINT "generation_inputs_generation_id_generations_id_fk" FOREIGN KEY ("generation_id") REFERENCES "public"."generations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "generation_inputs" ADD CONSTRAINT "generation_inputs_sha256_assets_sha256_fk" FOREIGN KEY ("sha256") REFERENCES "public"."assets"("sha256") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "asset_uploads_sha256_idx" ON "asset_uploads" USING btree ("sha256");--> statement-breakpoint
CREATE INDEX "generation_inputs_sha256_idx" ON "generation_inputs" USING btree ("sha256");--> statement-breakpoint
CREATE INDEX "generations_shared_idx" ON "generations" USING btree ("shared_at","id") WHERE shared_at IS NOT NULL;