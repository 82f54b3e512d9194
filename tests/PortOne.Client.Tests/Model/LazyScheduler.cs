using System.Collections.Generic;
using System.Threading.Tasks;

namespace PortOne.Client.Tests.Model
{
    /// <summary>
    /// Runs a task only when someone waits for it, on the waiting thread: an answer is then computed at the latest
    /// moment the reader could see it, and a model-based run is one thread, so the same schedule replays exactly
    /// (which shrinking needs). Cancelling a task's token before it ran takes it off the queue.
    /// </summary>
    internal sealed class LazyScheduler : TaskScheduler
    {
        private readonly HashSet<Task> _queued = new HashSet<Task>();

        protected override void QueueTask(Task task)
        {
            lock (_queued) _queued.Add(task);
        }

        protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued)
        {
            lock (_queued) _queued.Remove(task);
            return TryExecuteTask(task);
        }

        protected override bool TryDequeue(Task task)
        {
            lock (_queued) return _queued.Remove(task);
        }

        protected override IEnumerable<Task> GetScheduledTasks()
        {
            lock (_queued) return new List<Task>(_queued);
        }
    }
}
