CREATE TABLE `escalations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`subject_type` text NOT NULL,
	`subject_id` integer NOT NULL,
	`from_body_id` integer NOT NULL,
	`to_body_id` integer NOT NULL,
	`reason` text NOT NULL,
	`summary` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`at` integer NOT NULL,
	`decided_by` integer,
	`decided_at` integer,
	`note` text,
	FOREIGN KEY (`from_body_id`) REFERENCES `bodies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`to_body_id`) REFERENCES `bodies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `escalations_to_status_idx` ON `escalations` (`to_body_id`,`status`);--> statement-breakpoint
CREATE TABLE `tickets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`node_id` integer NOT NULL,
	`current_node_id` integer NOT NULL,
	`description` text NOT NULL,
	`category` text,
	`urgency` text DEFAULT 'normal' NOT NULL,
	`location` text,
	`photo` text,
	`status` text DEFAULT 'reported' NOT NULL,
	`difficult` integer DEFAULT false NOT NULL,
	`reporter_person_id` integer,
	`handling_unit_id` integer,
	`item_id` integer,
	`merged_into_id` integer,
	`due_at` integer,
	`reported_at` integer NOT NULL,
	`accepted_at` integer,
	`dispatched_at` integer,
	`ack_at` integer,
	`responded_at` integer,
	`response_text` text,
	`verified_at` integer,
	`verified_by` integer,
	`verify_note` text,
	`closed_at` integer,
	`parked_review_date` text,
	`satisfaction` text,
	`satisfaction_reason` text,
	`return_count` integer DEFAULT 0 NOT NULL,
	`rework_count` integer DEFAULT 0 NOT NULL,
	`extension_count` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`node_id`) REFERENCES `bodies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`current_node_id`) REFERENCES `bodies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reporter_person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`handling_unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`merged_into_id`) REFERENCES `tickets`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`verified_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "tickets_status_ck" CHECK("tickets"."status" in ('reported','accepted','rejected','in_grid','dispatched','acknowledged','return_requested','in_progress','responded','verifying','closed','parked')),
	CONSTRAINT "tickets_urgency_ck" CHECK("tickets"."urgency" in ('normal','urgent','emergency'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tickets_code_uq` ON `tickets` (`code`);--> statement-breakpoint
CREATE INDEX `tickets_node_status_idx` ON `tickets` (`current_node_id`,`status`);--> statement-breakpoint
CREATE INDEX `tickets_status_due_idx` ON `tickets` (`status`,`due_at`);--> statement-breakpoint
CREATE TABLE `extension_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`item_id` integer NOT NULL,
	`item_unit_id` integer,
	`requested_by` integer,
	`requested_at` integer NOT NULL,
	`original_due_date` text,
	`proposed_due_date` text NOT NULL,
	`reason` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`filed_before_due` integer NOT NULL,
	`decided_by` integer,
	`decided_at` integer,
	`approved_due_date` text,
	`decision_note` text,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`item_unit_id`) REFERENCES `item_units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`requested_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "extension_requests_status_ck" CHECK("extension_requests"."status" in ('pending','approved','rejected','withdrawn'))
);
--> statement-breakpoint
CREATE INDEX `extension_requests_item_idx` ON `extension_requests` (`item_id`,`status`);--> statement-breakpoint
CREATE TABLE `feedback` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`item_id` integer NOT NULL,
	`item_unit_id` integer,
	`person_id` integer,
	`intent` text NOT NULL,
	`text` text,
	`percent` integer,
	`reason` text,
	`suggested_unit` text,
	`evidence` text,
	`parser` text DEFAULT 'button' NOT NULL,
	`source_message_id` text,
	`at` integer NOT NULL,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`item_unit_id`) REFERENCES `item_units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "feedback_intent_ck" CHECK("feedback"."intent" in ('acknowledge','progress','done','extension','not_our_remit','question'))
);
--> statement-breakpoint
CREATE INDEX `feedback_item_idx` ON `feedback` (`item_id`,`at`);--> statement-breakpoint
CREATE TABLE `item_units` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`item_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`role` text NOT NULL,
	`liaison_person_id` integer,
	`ack_status` text DEFAULT 'pending' NOT NULL,
	`ack_at` integer,
	`last_feedback_at` integer,
	`overdue` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`liaison_person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "item_units_role_ck" CHECK("item_units"."role" in ('lead','support')),
	CONSTRAINT "item_units_ack_ck" CHECK("item_units"."ack_status" in ('pending','acknowledged','returned'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `item_units_item_unit_uq` ON `item_units` (`item_id`,`unit_id`);--> statement-breakpoint
CREATE INDEX `item_units_unit_idx` ON `item_units` (`unit_id`,`ack_status`);--> statement-breakpoint
CREATE INDEX `item_units_liaison_idx` ON `item_units` (`liaison_person_id`);--> statement-breakpoint
CREATE TABLE `items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text,
	`body_id` integer NOT NULL,
	`source_type` text DEFAULT 'meeting' NOT NULL,
	`source_meeting_id` integer,
	`source_ticket_id` integer,
	`source_quote` text,
	`content` text NOT NULL,
	`priority` text DEFAULT 'normal' NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`original_due_date` text,
	`current_due_date` text,
	`due_text` text,
	`parked_review_date` text,
	`warning_level` text DEFAULT 'none' NOT NULL,
	`chase_count` integer DEFAULT 0 NOT NULL,
	`extension_count` integer DEFAULT 0 NOT NULL,
	`rework_count` integer DEFAULT 0 NOT NULL,
	`assigned_at` integer,
	`reported_done_at` integer,
	`verified_at` integer,
	`verified_by` integer,
	`closed_at` integer,
	`close_note` text,
	`cancelled_at` integer,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`body_id`) REFERENCES `bodies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`source_meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`source_ticket_id`) REFERENCES `tickets`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`verified_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "items_status_ck" CHECK("items"."status" in ('draft','assigned','in_progress','reported_done','closed','parked','cancelled')),
	CONSTRAINT "items_warning_ck" CHECK("items"."warning_level" in ('none','blue','yellow','orange','red')),
	CONSTRAINT "items_source_ck" CHECK("items"."source_type" in ('meeting','leader_instruction','document','hotline','grid_escalation','other'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `items_code_uq` ON `items` (`code`);--> statement-breakpoint
CREATE INDEX `items_body_status_idx` ON `items` (`body_id`,`status`);--> statement-breakpoint
CREATE INDEX `items_status_due_idx` ON `items` (`status`,`current_due_date`);--> statement-breakpoint
CREATE INDEX `items_source_meeting_idx` ON `items` (`source_meeting_id`);--> statement-breakpoint
CREATE TABLE `scheduled_steps` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`subject_type` text NOT NULL,
	`subject_id` integer NOT NULL,
	`fire_at` integer NOT NULL,
	`stale_at` integer,
	`status` text DEFAULT 'pending' NOT NULL,
	`dedupe_key` text NOT NULL,
	`payload` text,
	`done_at` integer,
	`note` text,
	`created_at` integer NOT NULL,
	CONSTRAINT "scheduled_steps_status_ck" CHECK("scheduled_steps"."status" in ('pending','done','skipped','cancelled'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `scheduled_steps_dedupe_uq` ON `scheduled_steps` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `scheduled_steps_due_idx` ON `scheduled_steps` (`status`,`fire_at`);--> statement-breakpoint
CREATE INDEX `scheduled_steps_subject_idx` ON `scheduled_steps` (`subject_type`,`subject_id`);--> statement-breakpoint
CREATE TABLE `agenda_topics` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`body_id` integer NOT NULL,
	`meeting_id` integer,
	`title` text NOT NULL,
	`proposer_person_id` integer,
	`proposer_unit_id` integer,
	`status` text DEFAULT 'proposed' NOT NULL,
	`deferred_from_meeting_id` integer,
	`decided_by` integer,
	`decided_at` integer,
	`decision_note` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`body_id`) REFERENCES `bodies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`proposer_person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`proposer_unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`deferred_from_meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "agenda_topics_status_ck" CHECK("agenda_topics"."status" in ('proposed','accepted','deferred','rejected','discussed'))
);
--> statement-breakpoint
CREATE INDEX `agenda_topics_body_status_idx` ON `agenda_topics` (`body_id`,`status`);--> statement-breakpoint
CREATE INDEX `agenda_topics_meeting_idx` ON `agenda_topics` (`meeting_id`);--> statement-breakpoint
CREATE TABLE `attendance` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`meeting_id` integer NOT NULL,
	`person_id` integer NOT NULL,
	`unit_id` integer,
	`status` text NOT NULL,
	`reason` text,
	`substitute_name` text,
	`substitute_person_id` integer,
	`responded_at` integer NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`substitute_person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "attendance_status_ck" CHECK("attendance"."status" in ('attending','present','excused','observer','absent'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `attendance_meeting_person_uq` ON `attendance` (`meeting_id`,`person_id`);--> statement-breakpoint
CREATE TABLE `captured_messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`meeting_id` integer NOT NULL,
	`person_id` integer,
	`sender_name` text NOT NULL,
	`text` text NOT NULL,
	`sent_at` integer NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `captured_messages_meeting_idx` ON `captured_messages` (`meeting_id`,`sent_at`);--> statement-breakpoint
CREATE TABLE `meeting_series` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`body_id` integer NOT NULL,
	`name` text NOT NULL,
	`rule_text` text NOT NULL,
	`rule` text NOT NULL,
	`timezone` text NOT NULL,
	`holiday_policy` text DEFAULT 'keep' NOT NULL,
	`place` text,
	`online_link` text,
	`chair_person_id` integer,
	`duration_minutes` integer DEFAULT 60 NOT NULL,
	`seq_start` integer DEFAULT 1 NOT NULL,
	`reminder_plan` text,
	`status` text DEFAULT 'draft' NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`body_id`) REFERENCES `bodies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`chair_person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "meeting_series_status_ck" CHECK("meeting_series"."status" in ('draft','active','stopped')),
	CONSTRAINT "meeting_series_holiday_ck" CHECK("meeting_series"."holiday_policy" in ('keep','next_workday'))
);
--> statement-breakpoint
CREATE INDEX `meeting_series_body_idx` ON `meeting_series` (`body_id`,`status`);--> statement-breakpoint
CREATE TABLE `meetings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`body_id` integer NOT NULL,
	`series_id` integer,
	`seq_no` integer,
	`title` text NOT NULL,
	`kind` text DEFAULT 'regular' NOT NULL,
	`scheduled_at` integer NOT NULL,
	`original_at` integer NOT NULL,
	`place` text,
	`online_link` text,
	`chair_person_id` integer,
	`status` text DEFAULT 'planned' NOT NULL,
	`cancel_reason` text,
	`started_at` integer,
	`ended_at` integer,
	`capture_chat_id` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`body_id`) REFERENCES `bodies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`series_id`) REFERENCES `meeting_series`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`chair_person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`capture_chat_id`) REFERENCES `chats`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "meetings_status_ck" CHECK("meetings"."status" in ('planned','held','cancelled'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `meetings_series_original_uq` ON `meetings` (`series_id`,`original_at`);--> statement-breakpoint
CREATE INDEX `meetings_body_scheduled_idx` ON `meetings` (`body_id`,`scheduled_at`);--> statement-breakpoint
CREATE TABLE `minutes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`meeting_id` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`doc_no` text,
	`content` text NOT NULL,
	`approved_by` integer,
	`approved_at` integer,
	`issued_at` integer,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`approved_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "minutes_status_ck" CHECK("minutes"."status" in ('draft','approved','issued'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `minutes_meeting_version_uq` ON `minutes` (`meeting_id`,`version`);