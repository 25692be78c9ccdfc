-- The audit row of a todo is written by the statement that writes the todo, so
-- both are committed or neither is. created_at as isoNow() writes it:
-- 2030-01-31T09:30:00.123Z.
CREATE FUNCTION "todos_audit"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'INSERT' THEN
		INSERT INTO "audit_log" ("user_id", "action", "todo_id", "created_at")
		VALUES (NEW."owner_id", 'todo.created', NEW."id",
			to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'));
		RETURN NEW;
	END IF;
	INSERT INTO "audit_log" ("user_id", "action", "todo_id", "created_at")
	VALUES (OLD."owner_id", 'todo.deleted', OLD."id",
		to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'));
	RETURN OLD;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "todos_audit" AFTER INSERT OR DELETE ON "todos"
FOR EACH ROW EXECUTE FUNCTION "todos_audit"();
