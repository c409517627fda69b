"""cluster: herald on Dask, beyond one machine (docs/architecture.md, "Dask").

``plan`` cuts the inputs into partitions, ``dataset`` writes each partition's rows as Parquet
(atomically), ``run`` maps the partitions over a Dask cluster, ``load`` brings a dataset into
the store. The per-document work is ``herald.pipeline``'s, unchanged.
"""
