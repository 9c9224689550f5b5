CREATE TABLE "activity_log" (
	"id" text PRIMARY KEY NOT NULL,
	"seq" bigserial NOT NULL,
	"at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"actor_id" text,
	"actor_name" text,
	"actor_email" text,
	"role" text,
	"action" text NOT NULL,
	"kind" text,
	"task_id" text,
	"start_time" timestamp (3) with time zone,
	"end_time" timestamp (3) with time zone,
	"status" integer NOT NULL,
	"code" text,
	"request_id" text NOT NULL,
	"upstream_request_id" text,
	"ip" text,
	CONSTRAINT "activity_log_seq_unique" UNIQUE("seq")
);
--> statement-breakpoint
CREATE TABLE "idempotency_records" (
	"user_id" text NOT NULL,
	"key" text NOT NULL,
	"fingerprint" text NOT NULL,
	"state" text NOT NULL,
	"owner" text NOT NULL,
	"answer" jsonb,
	"started_at" timestamp (3) with time zone NOT NULL,
	"completed_at" timestamp (3) with time zone,
	"lease_until" timestamp (3) with time zone NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "idempotency_records_user_id_key_pk" PRIMARY KEY("user_id","key")
);
--> statement-breakpoint
CREATE TABLE "rate_limit_calls" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"budget" text NOT NULL,
	"user_id" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "task_owners" (
	"kind" text NOT NULL,
	"task_id" text NOT NULL,
	"name" text NOT NULL,
	"start_time" timestamp (3) with time zone NOT NULL,
	"end_time" timestamp (3) with time zone NOT NULL,
	"created_by_id" text NOT NULL,
	"created_by_name" text NOT NULL,
	"created_by_email" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp (3) with time zone,
	CONSTRAINT "task_owners_kind_task_id_pk" PRIMARY KEY("kind","task_id")
);
--> statement-breakpoint
CREATE INDEX "activity_log_at_idx" ON "activity_log" USING btree ("at" DESC NULLS LAST,"seq" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "activity_log_actor_id_idx" ON "activity_log" USING btree ("actor_id","at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "activity_log_actor_email_idx" ON "activity_log" USING btree (lower("actor_email"),"at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "idempotency_records_expires_idx" ON "idempotency_records" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "rate_limit_calls_budget_at_idx" ON "rate_limit_calls" USING btree ("budget","at");--> statement-breakpoint
CREATE INDEX "rate_limit_calls_user_at_idx" ON "rate_limit_calls" USING btree ("budget","user_id","at");