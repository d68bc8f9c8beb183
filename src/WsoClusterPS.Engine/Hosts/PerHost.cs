using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.ExceptionServices;
using System.Threading.Tasks;

namespace WsoClusterPS.Engine.Hosts
{
    /// <summary>
    /// Runs work on many hosts at once: one worker per host (its items one after another, over
    /// its one connection), so ten hosts take about as long as one. The results come back in the
    /// items' order, for the caller to report on PowerShell's own thread.
    /// </summary>
    public static class PerHost
    {
        /// <param name="meanwhile">Called on the calling thread four times a second while the hosts work (to show their progress
        /// there); work on one host runs on the calling thread itself.</param>
        public static IReadOnlyList<Outcome<TResult>> Run<TItem, TResult>(IReadOnlyList<TItem> items, Func<TItem, IHost> hostOf,
            Func<TItem, TResult> work, Action meanwhile = null)
        {
            var outcomes = new Outcome<TResult>[items.Count];
            var byHost = Enumerable.Range(0, items.Count).GroupBy(i => hostOf(items[i])).ToList();
            void RunGroup(IEnumerable<int> indexes)
            {
                foreach (var i in indexes)
                {
                    try { outcomes[i] = new Outcome<TResult>(work(items[i]), null); }
                    catch (Exception e) { outcomes[i] = new Outcome<TResult>(default(TResult), e); }
                }
            }
            if (byHost.Count <= 1) RunGroup(Enumerable.Range(0, items.Count));
            else
            {
                var workers = byHost.Select(group => Dedicated(() => RunGroup(group))).ToArray();
                while (!Task.WaitAll(workers, 250)) meanwhile?.Invoke();
                meanwhile?.Invoke();
            }
            return outcomes;
        }

        /// <summary>As <see cref="Run{TItem, TResult}"/>, for work that is all or nothing: the first item's failure, in the items'
        /// order, is thrown with its own stack.</summary>
        public static List<TResult> All<TItem, TResult>(IReadOnlyList<TItem> items, Func<TItem, IHost> hostOf, Func<TItem, TResult> work)
        {
            var outcomes = Run(items, hostOf, work);
            foreach (var outcome in outcomes.Where(o => o.Error != null)) ExceptionDispatchInfo.Capture(outcome.Error).Throw();
            return outcomes.Select(o => o.Value).ToList();
        }

        /// <summary>
        /// Blocking network work on a thread of its own: queued on the thread pool it would hold the
        /// few threads SSH.NET's own asynchronous internals need, and the pool grows slowly (seen:
        /// 16 connects took 12 s that way, under 2 s on their own threads).
        /// </summary>
        public static Task<T> Dedicated<T>(Func<T> work) => Task.Factory.StartNew(work, TaskCreationOptions.LongRunning);

        public static Task Dedicated(Action work) => Task.Factory.StartNew(work, TaskCreationOptions.LongRunning);
    }
}
