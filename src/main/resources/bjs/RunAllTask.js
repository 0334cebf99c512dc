// BB's RunAllTask: new RunAllTask({id}) reads one of the bot's Bot.runAll tasks (status, progress, total, cur_position,
// errors_count, ...) as it is now. An id the bot has no task of gives an object without status, which is how BB's help
// page tells it: if (!task.status). Evaluates to a function that takes the store (read(id): the task's fields, or
// null) and gives the constructor of one run.
(function (read) {
  function RunAllTask(params) {
    if (!(this instanceof RunAllTask)) { return new RunAllTask(params); }
    var id = params !== null && typeof params === "object" ? params.id : params;
    var task = read(id);
    this.id = id;
    if (task) {
      for (var name in task) { this[name] = task[name]; }
    }
  }
  return RunAllTask;
})
