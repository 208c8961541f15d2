CREATE TABLE `audit_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`actor_person_id` integer,
	`actor` text NOT NULL,
	`body_id` integer,
	`subject_type` text NOT NULL,
	`subject_id` integer,
	`action` text NOT NULL,
	`from_state` text,
	`to_state` text,
	`reason` text,
	`data` text,
	`source_message` text,
	FOREIGN KEY (`actor_person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`body_id`) REFERENCES `bodies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `audit_events_subject_idx` ON `audit_events` (`subject_type`,`subject_id`);--> statement-breakpoint
CREATE INDEX `audit_events_body_idx` ON `audit_events` (`body_id`,`at`);--> statement-breakpoint
CREATE TABLE `bodies` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`grid_level` text,
	`parent_id` integer,
	`joint_body_id` integer,
	`code_prefix` text NOT NULL,
	`timezone` text NOT NULL,
	`settings` text DEFAULT '{}' NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`parent_id`) REFERENCES `bodies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`joint_body_id`) REFERENCES `bodies`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "bodies_kind_ck" CHECK("bodies"."kind" in ('joint_meeting','grid')),
	CONSTRAINT "bodies_grid_level_ck" CHECK(("bodies"."kind" = 'grid' and "bodies"."grid_level" in ('street','community','grid','building')) or ("bodies"."kind" = 'joint_meeting' and "bodies"."grid_level" is null))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `bodies_kind_name_uq` ON `bodies` (`kind`,`name`);--> statement-breakpoint
CREATE INDEX `bodies_parent_idx` ON `bodies` (`parent_id`);--> statement-breakpoint
CREATE TABLE `body_units` (
	`body_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`joined_at` integer NOT NULL,
	`left_at` integer,
	PRIMARY KEY(`body_id`, `unit_id`),
	FOREIGN KEY (`body_id`) REFERENCES `bodies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `body_units_unit_idx` ON `body_units` (`unit_id`);--> statement-breakpoint
CREATE TABLE `chats` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`platform` text NOT NULL,
	`chat_id` text NOT NULL,
	`kind` text NOT NULL,
	`title` text,
	`body_id` integer,
	`active` integer DEFAULT true NOT NULL,
	`language` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`body_id`) REFERENCES `bodies`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "chats_kind_ck" CHECK("chats"."kind" in ('direct','group'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `chats_platform_chat_uq` ON `chats` (`platform`,`chat_id`);--> statement-breakpoint
CREATE INDEX `chats_body_idx` ON `chats` (`body_id`);--> statement-breakpoint
CREATE TABLE `counters` (
	`key` text PRIMARY KEY NOT NULL,
	`value` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `holiday_overrides` (
	`date` text PRIMARY KEY NOT NULL,
	`is_off_day` integer NOT NULL,
	`name` text,
	`created_by` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `identities` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`person_id` integer NOT NULL,
	`platform` text NOT NULL,
	`user_id` text NOT NULL,
	`display_name` text,
	`username` text,
	`dm_status` text DEFAULT 'unknown' NOT NULL,
	`link_token` text,
	`last_seen_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "identities_dm_status_ck" CHECK("identities"."dm_status" in ('unknown','ok','unreachable'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `identities_platform_user_uq` ON `identities` (`platform`,`user_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `identities_link_token_uq` ON `identities` (`link_token`);--> statement-breakpoint
CREATE INDEX `identities_person_idx` ON `identities` (`person_id`);--> statement-breakpoint
CREATE TABLE `liaison_assignments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`body_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`person_id` integer NOT NULL,
	`is_backup` integer DEFAULT false NOT NULL,
	`from_at` integer NOT NULL,
	`to_at` integer,
	`assigned_by` integer,
	`ended_by` integer,
	FOREIGN KEY (`body_id`) REFERENCES `bodies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assigned_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`ended_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `liaison_assignments_current_idx` ON `liaison_assignments` (`body_id`,`unit_id`,`to_at`);--> statement-breakpoint
CREATE INDEX `liaison_assignments_person_idx` ON `liaison_assignments` (`person_id`,`to_at`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`dedupe_key` text NOT NULL,
	`platform` text NOT NULL,
	`chat_id` text NOT NULL,
	`chat_kind` text NOT NULL,
	`thread_id` text,
	`person_id` integer,
	`fallback_chat_id` text,
	`payload` text NOT NULL,
	`reply_token` text,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`last_error` text,
	`platform_message_id` text,
	`created_at` integer NOT NULL,
	`sent_at` integer,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "outbox_status_ck" CHECK("outbox"."status" in ('pending','sending','sent','failed','cancelled'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_dedupe_uq` ON `outbox` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `outbox_due_idx` ON `outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `pending_actions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`token` text NOT NULL,
	`kind` text NOT NULL,
	`platform` text,
	`chat_id` text,
	`user_id` text,
	`payload` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `pending_actions_token_uq` ON `pending_actions` (`token`);--> statement-breakpoint
CREATE INDEX `pending_actions_conversation_idx` ON `pending_actions` (`platform`,`chat_id`,`user_id`,`kind`);--> statement-breakpoint
CREATE TABLE `people` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`phone` text,
	`unit_id` integer,
	`title` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `people_name_idx` ON `people` (`name`);--> statement-breakpoint
CREATE TABLE `processed_updates` (
	`platform` text NOT NULL,
	`update_id` text NOT NULL,
	`processed_at` integer NOT NULL,
	PRIMARY KEY(`platform`, `update_id`)
);
--> statement-breakpoint
CREATE INDEX `processed_updates_at_idx` ON `processed_updates` (`processed_at`);--> statement-breakpoint
CREATE TABLE `role_grants` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`body_id` integer,
	`person_id` integer NOT NULL,
	`role` text NOT NULL,
	`granted_by` integer,
	`granted_at` integer NOT NULL,
	`revoked_at` integer,
	`revoked_by` integer,
	FOREIGN KEY (`body_id`) REFERENCES `bodies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`granted_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`revoked_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "role_grants_role_ck" CHECK("role_grants"."role" in ('admin','secretary','chair','member','grid_leader','grid_worker'))
);
--> statement-breakpoint
CREATE INDEX `role_grants_body_person_idx` ON `role_grants` (`body_id`,`person_id`,`revoked_at`);--> statement-breakpoint
CREATE TABLE `unit_aliases` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`unit_id` integer NOT NULL,
	`alias` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `unit_aliases_unit_alias_uq` ON `unit_aliases` (`unit_id`,`alias`);--> statement-breakpoint
CREATE INDEX `unit_aliases_alias_idx` ON `unit_aliases` (`alias`);--> statement-breakpoint
CREATE TABLE `units` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`type` text DEFAULT 'other' NOT NULL,
	`is_co_building` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	CONSTRAINT "units_type_ck" CHECK("units"."type" in ('street_party_committee','street_office','community_party_committee','residents_committee','grid_party_branch','building_party_group','government_department','public_institution','enterprise','property_company','social_organization','other'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `units_name_uq` ON `units` (`name`);