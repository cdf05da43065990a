CREATE TABLE "generation_assets" (
	"generation_id" text NOT NULL,
	"index" integer NOT NULL,
	"sha256" text NOT NULL,
	CONSTRAINT "generation_assets_generation_id_index_pk" PRIMARY KEY("generation_id","index"),
	CONSTRAINT "generation_assets_index_non_negative" CHECK ("generation_assets"."index" >= 0)
);
--> statement-breakpoint
-- Data: every (generation, index) that pointed at an asset becomes a link before the columns go.
INSERT INTO "generation_assets" ("generation_id", "index", "sha256")
  SELECT "generation_id", "index", "sha256" FROM "assets";
--> statement-breakpoint
ALTER TABLE "assets" DROP CONSTRAINT "assets_generation_id_generations_id_fk";
--> statement-breakpoint
DROP INDEX "assets_generation_index_key";--> statement-breakpoint
ALTER TABLE "generation_assets" ADD CONSTRAINT "generation_assets_generation_id_generations_id_fk" FOREIGN KEY ("generation_id") REFERENCES "public"."generations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "generation_assets" ADD CONSTRAINT "generation_assets_sha256_assets_sha256_fk" FOREIGN KEY ("sha256") REFERENCES "public"."assets"("sha256") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "generation_assets_sha256_idx" ON "generation_assets" USING btree ("sha256");--> statement-breakpoint
ALTER TABLE "assets" DROP COLUMN "generation_id";--> statement-breakpoint
ALTER TABLE "assets" DROP COLUMN "index";