-- The audit row of a todo is written by the statement that writes the todo, so
-- both are committed or neither is, on better-sqlite3, libSQL and D1 alike.
-- created_at as isoNow() writes it: 2030-01-31T09:30:00.123Z.
CREATE TRIGGER `todos_audit_created` AFTER INSERT ON `todos`
BEGIN
	INSERT INTO `audit_log` (`user_id`, `action`, `todo_id`, `created_at`)
	VALUES (NEW.`owner_id`, 'todo.created', NEW.`id`, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;
--> statement-breakpoint
CREATE TRIGGER `todos_audit_deleted` AFTER DELETE ON `todos`
BEGIN
	INSERT INTO `audit_log` (`user_id`, `action`, `todo_id`, `created_at`)
	VALUES (OLD.`owner_id`, 'todo.deleted', OLD.`id`, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;
