-- BB's Bot.runAll: a task that runs one command for each of the bot's users (here every user is one private chat).
-- It is created with the run that asks for it; a worker (scheduler.RunAllWorker) hands the users out in batches,
-- by user id (last_user_id is the keyset cursor), as Bot.run jobs, and finishes the task once every job ended.
-- The users are those the bot had when the task was created (users.created_at), which total counts.
CREATE TABLE run_all_tasks (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    bot_id          BIGINT      NOT NULL REFERENCES bots (id) ON DELETE CASCADE,
    command         TEXT        NOT NULL,
    options         JSONB,
    for_chats       TEXT        NOT NULL
        CHECK (for_chats IN ('all', 'private-chats', 'group-chats', 'super-group-chats')),
    -- BB's names: new, in progress, finished.
    status          TEXT        NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'in progress', 'finished')),
    total           BIGINT      NOT NULL DEFAULT 0,
    -- BB's cur_position: the chats gone through so far (handed out, or left out as blocked).
    cur_position    BIGINT      NOT NULL DEFAULT 0,
    last_user_id    BIGINT,
    -- Every user was handed out; the task finishes when none of its jobs is pending any more.
    handed_out_all  BOOLEAN     NOT NULL DEFAULT false,
    created_by_call BIGINT      REFERENCES webhook_calls (id) ON DELETE SET NULL,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- When the worker last handed out a batch: the worker serves the unfinished tasks in turn, oldest turn first.
    handed_out_at   TIMESTAMPTZ,
    finished_at     TIMESTAMPTZ
);
-- What the worker polls: the unfinished tasks, few at any time.
CREATE INDEX run_all_tasks_unfinished ON run_all_tasks (handed_out_at NULLS FIRST, id) WHERE status <> 'finished';
-- The call log's retention sweep sets created_by_call to NULL without a scan.
CREATE INDEX run_all_tasks_by_creating_call ON run_all_tasks (created_by_call) WHERE created_by_call IS NOT NULL;

-- The jobs a task handed out: the worker counts its pending ones (a task gets its next batch only when fewer than a
-- batch wait, so a broadcast never floods the job queue ahead of other bots' jobs), RunAllTask counts its failed ones
-- (errors_count), and a recipient's run knows it is one (BB refuses Bot.run and HTTP there).
ALTER TABLE scheduled_runs ADD COLUMN run_all_task_id BIGINT REFERENCES run_all_tasks (id) ON DELETE CASCADE;
CREATE INDEX scheduled_runs_of_run_all_task ON scheduled_runs (run_all_task_id, status) WHERE run_all_task_id IS NOT NULL;
