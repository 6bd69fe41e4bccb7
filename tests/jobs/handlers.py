"""Small job handlers the job tests enqueue by their dotted path, as the apps do theirs."""

from tera.errors import ActionRefused
from tera.jobs.runner import Output


def count_words(job, progress):
    words = job.params["text"].split()
    progress(50, "menghitung")
    return Output("jumlah.txt", str(len(words)).encode())


def crash(job, progress):
    progress(30, "setengah jalan")
    raise RuntimeError("disk penuh")


def refuse(job, progress):
    raise ActionRefused("Periode ini belum dikunci.")
