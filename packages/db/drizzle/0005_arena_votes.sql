ALTER TYPE "public"."vote_winner" ADD VALUE 'c';--> statement-breakpoint
ALTER TYPE "public"."vote_winner" ADD VALUE 'd';--> statement-breakpoint
ALTER TABLE "votes" ADD COLUMN "generation_c" text;--> statement-breakpoint
ALTER TABLE "votes" ADD COLUMN "generation_d" text;--> statement-breakpoint
ALTER TABLE "votes" ADD COLUMN "use_case" text;--> statement-breakpoint
ALTER TABLE "votes" ADD COLUMN "blind" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "votes" ADD CONSTRAINT "votes_generation_c_generations_id_fk" FOREIGN KEY ("generation_c") REFERENCES "public"."generations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "votes" ADD CONSTRAINT "votes_generation_d_generations_id_fk" FOREIGN KEY ("generation_d") REFERENCES "public"."generations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "votes_generation_c_idx" ON "votes" USING btree ("generation_c");--> statement-breakpoint
CREATE INDEX "votes_generation_d_idx" ON "votes" USING btree ("generation_d");--> statement-breakpoint
CREATE INDEX "votes_voter_idx" ON "votes" USING btree ("voter_id","created_at");--> statement-breakpoint
ALTER TABLE "votes" ADD CONSTRAINT "votes_positions" CHECK (("votes"."generation_c" IS NULL AND "votes"."generation_d" IS NULL) OR ("votes"."generation_c" NOT IN ("votes"."generation_a", "votes"."generation_b") AND ("votes"."generation_d" IS NULL OR "votes"."generation_d" NOT IN ("votes"."generation_a", "votes"."generation_b", "votes"."generation_c"))));