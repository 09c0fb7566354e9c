// Each test class starts its own site and Chromium; run side by side on a busy two-core machine
// they starve each other into timeouts, so all journeys form one collection and run in turn.
[assembly: CollectionBehavior(CollectionBehavior.CollectionPerAssembly)]
