"""What Snakemake itself spends on a run (9.27; measured on the original QuTiBench data,
2 cores): three of its habits cost this pipeline several CPU-seconds per run while
deciding nothing. Each is replaced below by code that gives the same result, only in the
main Snakemake process, and only where Snakemake's internals are still as described (a
later Snakemake without them runs as it is). benchmarks/bench_pipeline.py measures them.

1. Parameters are compared with pandas imported whenever pandas is installed (0.5
   CPU-seconds of every run, a third of a run with nothing to do); none of ours is a
   pandas object, so pandas is imported only for one that is.
2. When a job ends, its metadata records the checksum of every input once per output:
   plot_theory (52 outputs, 45 inputs) hashed 2,300 files, the site job 10,000. The
   checksums are now taken once per input for each finished job (the inputs of a job
   that has ended do not change while its record is written).
3. Each scheduling pass starts a one-second timer that starts the next pass (for the
   job-rate limit); a pass per finished job starts one more chain, so 24 jobs made 800
   passes, each looking at every input of every waiting job, and the process waited for
   the last timer before it exited. One timer is pending at a time now, and it does not
   hold the exit.
"""
import threading


def _serialize_params_without_pandas():
    """1: a parameter is serialised exactly as before (a value that is not a pandas object
    went the builtin way before too)."""
    try:
        from snakemake.persistence import PersistenceBase
    except ImportError:
        return
    if not all(hasattr(PersistenceBase, name) for name in
               ("_serialize_param", "_serialize_param_pandas", "_serialize_param_builtin")):
        return

    def serializer(self):
        def serialize(value):
            if type(value).__module__.partition(".")[0] == "pandas":
                return self._serialize_param_pandas(value)
            return self._serialize_param_builtin(value)
        return serialize

    PersistenceBase._serialize_param = property(serializer)


def _input_checksums_once_per_job():
    """2: while a finished job's record is written, each input's checksum is taken once."""
    try:
        from snakemake.io import _IOFile
        from snakemake.persistence import PersistenceBase
    except ImportError:
        return
    if not (hasattr(_IOFile, "checksum") and hasattr(PersistenceBase, "finished")):
        return
    checksum, finished = _IOFile.checksum, PersistenceBase.finished
    memo = {}  # (path, threshold) -> checksum, only during one finished() call

    async def checksum_once(self, threshold=None, force=False, algorithm=None):
        if not memo or force or algorithm is not None:
            return await checksum(self, threshold, force, algorithm)
        key = (str(self), threshold)
        if key not in memo:
            memo[key] = await checksum(self, threshold)
        return memo[key]

    async def finished_once(self, job):
        memo.clear()
        memo[None] = None  # switched on
        try:
            return await finished(self, job)
        finally:
            memo.clear()

    _IOFile.checksum = checksum_once
    PersistenceBase.finished = finished_once


def _one_pending_reevaluation():
    """3: at most one reevaluation timer, a daemon thread."""
    try:
        from snakemake.scheduling.job_scheduler import JobScheduler
    except ImportError:
        return
    if not hasattr(JobScheduler, "_schedule_reevalutation"):
        return

    def schedule_reevaluation(self, delay):
        pending = getattr(self, "_pending_reevaluation", None)
        if pending is not None and pending.is_alive():
            return
        timer = threading.Timer(delay, lambda: self._open_jobs.release())
        timer.daemon = True
        self._pending_reevaluation = timer
        timer.start()

    JobScheduler._schedule_reevalutation = schedule_reevaluation


if workflow.is_main_process:
    _serialize_params_without_pandas()
    _input_checksums_once_per_job()
    _one_pending_reevaluation()
