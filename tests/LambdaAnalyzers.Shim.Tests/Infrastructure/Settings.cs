// Process-based tests are timing-sensitive and the machines have two cores: two test classes at a time.
[assembly: Xunit.CollectionBehavior(MaxParallelThreads = 2)]
