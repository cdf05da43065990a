CREATE TYPE "public"."budget_period" AS ENUM('daily', 'monthly');--> statement-breakpoint
CREATE TYPE "public"."budget_scope" AS ENUM('user', 'token');--> statement-breakpoint
CREATE TYPE "public"."generation_status" AS ENUM('queued', 'running', 'succeeded', 'failed', 'cancelled', 'interrupted');--> statement-breakpoint
CREATE TYPE "public"."ledger_kind" AS ENUM('reserve', 'settle', 'release');--> statement-breakpoint
CREATE TYPE "public"."operation_status" AS ENUM('pending', 'succeeded', 'failed', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."user_role" AS ENUM('admin', 'member');--> statement-breakpoint
CREATE TYPE "public"."vote_winner" AS ENUM('a', 'b', 'tie', 'bothbad');--> statement-breakpoint
CREATE TABLE "api_tokens" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"prefix" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "assets" (
	"sha256" text PRIMARY KEY NOT NULL,
	"generation_id" text NOT NULL,
	"index" integer NOT NULL,
	"media_type" text NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"duration_ms" integer,
	"byte_size" bigint NOT NULL,
	"storage_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assets_sha256_hex" CHECK ("assets"."sha256" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
CREATE TABLE "budgets" (
	"id" text PRIMARY KEY NOT NULL,
	"scope" "budget_scope" NOT NULL,
	"user_id" text,
	"token_id" text,
	"period" "budget_period" NOT NULL,
	"cap_micros" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "budgets_subject" CHECK (("budgets"."scope" = 'user' AND "budgets"."user_id" IS NOT NULL AND "budgets"."token_id" IS NULL) OR ("budgets"."scope" = 'token' AND "budgets"."token_id" IS NOT NULL AND "budgets"."user_id" IS NULL)),
	CONSTRAINT "budgets_cap_non_negative" CHECK ("budgets"."cap_micros" >= 0)
);
--> statement-breakpoint
CREATE TABLE "generations" (
	"id" text PRIMARY KEY NOT NULL,
	"owner_id" text NOT NULL,
	"batch_id" text,
	"prompt" text NOT NULL,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"model_id" text NOT NULL,
	"route_provider" text NOT NULL,
	"provider_model_id" text NOT NULL,
	"status" "generation_status" DEFAULT 'queued' NOT NULL,
	"queued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"queue_ms" integer,
	"generation_ms" integer,
	"download_ms" integer,
	"estimated_cost_micros" bigint NOT NULL,
	"actual_cost_micros" bigint,
	"warnings" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"error_code" text,
	"error_message" text,
	"revised_prompt" text,
	"provider_request_id" text,
	"kept" boolean DEFAULT false NOT NULL,
	"prompt_search" "tsvector" GENERATED ALWAYS AS (to_tsvector('english', prompt)) STORED NOT NULL,
	CONSTRAINT "generations_costs_non_negative" CHECK ("generations"."estimated_cost_micros" >= 0 AND "generations"."actual_cost_micros" >= 0)
);
--> statement-breakpoint
CREATE TABLE "provider_keys" (
	"provider" text PRIMARY KEY NOT NULL,
	"ciphertext" "bytea" NOT NULL,
	"iv" "bytea" NOT NULL,
	"tag" "bytea" NOT NULL,
	"last4" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "provider_operations" (
	"generation_id" text PRIMARY KEY NOT NULL,
	"provider" text NOT NULL,
	"operation" jsonb NOT NULL,
	"poll_count" integer DEFAULT 0 NOT NULL,
	"next_poll_at" timestamp with time zone NOT NULL,
	"status" "operation_status" DEFAULT 'pending' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "spend_ledger" (
	"id" text PRIMARY KEY NOT NULL,
	"reservation_id" text NOT NULL,
	"user_id" text NOT NULL,
	"token_id" text,
	"generation_id" text NOT NULL,
	"kind" "ledger_kind" NOT NULL,
	"micros" bigint NOT NULL,
	"accrued_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "spend_ledger_sign" CHECK (("spend_ledger"."kind" = 'release' AND "spend_ledger"."micros" <= 0) OR ("spend_ledger"."kind" <> 'release' AND "spend_ledger"."micros" >= 0))
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"role" "user_role" DEFAULT 'member' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "votes" (
	"id" text PRIMARY KEY NOT NULL,
	"prompt" text NOT NULL,
	"generation_a" text NOT NULL,
	"generation_b" text NOT NULL,
	"winner" "vote_winner" NOT NULL,
	"voter_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "votes_distinct_generations" CHECK ("votes"."generation_a" <> "votes"."generation_b")
);
--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assets" ADD CONSTRAINT "assets_generation_id_generations_id_fk" FOREIGN KEY ("generation_id") REFERENCES "public"."generations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budgets" ADD CONSTRAINT "budgets_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budgets" ADD CONSTRAINT "budgets_token_id_api_tokens_id_fk" FOREIGN KEY ("token_id") REFERENCES "public"."api_tokens"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "generations" ADD CONSTRAINT "generations_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_operations" ADD CONSTRAINT "provider_operations_generation_id_generations_id_fk" FOREIGN KEY ("generation_id") REFERENCES "public"."generations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spend_ledger" ADD CONSTRAINT "spend_ledger_reservation_id_spend_ledger_id_fk" FOREIGN KEY ("reservation_id") REFERENCES "public"."spend_ledger"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spend_ledger" ADD CONSTRAINT "spend_ledger_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spend_ledger" ADD CONSTRAINT "spend_ledger_token_id_api_tokens_id_fk" FOREIGN KEY ("token_id") REFERENCES "public"."api_tokens"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spend_ledger" ADD CONSTRAINT "spend_ledger_generation_id_generations_id_fk" FOREIGN KEY ("generation_id") REFERENCES "public"."generations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "votes" ADD CONSTRAINT "votes_generation_a_generations_id_fk" FOREIGN KEY ("generation_a") REFERENCES "public"."generations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "votes" ADD CONSTRAINT "votes_generation_b_generations_id_fk" FOREIGN KEY ("generation_b") REFERENCES "public"."generations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "votes" ADD CONSTRAINT "votes_voter_id_users_id_fk" FOREIGN KEY ("voter_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "api_tokens_token_hash_key" ON "api_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "api_tokens_user_idx" ON "api_tokens" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "assets_generation_index_key" ON "assets" USING btree ("generation_id","index");--> statement-breakpoint
CREATE UNIQUE INDEX "budgets_user_period_key" ON "budgets" USING btree ("user_id","period") WHERE scope = 'user';--> statement-breakpoint
CREATE UNIQUE INDEX "budgets_token_period_key" ON "budgets" USING btree ("token_id","period") WHERE scope = 'token';--> statement-breakpoint
CREATE INDEX "generations_owner_idx" ON "generations" USING btree ("owner_id","id");--> statement-breakpoint
CREATE INDEX "generations_model_idx" ON "generations" USING btree ("model_id","id");--> statement-breakpoint
CREATE INDEX "generations_status_idx" ON "generations" USING btree ("status","id");--> statement-breakpoint
CREATE INDEX "generations_batch_idx" ON "generations" USING btree ("batch_id");--> statement-breakpoint
CREATE INDEX "generations_queued_at_idx" ON "generations" USING btree ("queued_at");--> statement-breakpoint
CREATE INDEX "generations_prompt_search_idx" ON "generations" USING gin ("prompt_search");--> statement-breakpoint
CREATE INDEX "provider_operations_due_idx" ON "provider_operations" USING btree ("status","next_poll_at");--> statement-breakpoint
CREATE INDEX "spend_ledger_user_idx" ON "spend_ledger" USING btree ("user_id","accrued_at");--> statement-breakpoint
CREATE INDEX "spend_ledger_token_idx" ON "spend_ledger" USING btree ("token_id","accrued_at");--> statement-breakpoint
CREATE INDEX "spend_ledger_generation_idx" ON "spend_ledger" USING btree ("generation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "spend_ledger_one_release_key" ON "spend_ledger" USING btree ("reservation_id") WHERE kind = 'release';--> statement-breakpoint
CREATE UNIQUE INDEX "spend_ledger_one_settle_key" ON "spend_ledger" USING btree ("reservation_id") WHERE kind = 'settle';--> statement-breakpoint
CREATE INDEX "votes_generation_a_idx" ON "votes" USING btree ("generation_a");--> statement-breakpoint
CREATE INDEX "votes_generation_b_idx" ON "votes" USING btree ("generation_b");