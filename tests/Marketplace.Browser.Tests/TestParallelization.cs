// Each test class starts its own site and Chromium; run side by side on a busy two-core machine
// they starve each other into timeouts, so the journeys run one class after another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
