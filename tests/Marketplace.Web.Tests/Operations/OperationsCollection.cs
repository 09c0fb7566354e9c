using Marketplace.Web.Tests.Infrastructure;

namespace Marketplace.Web.Tests.Operations;

/// <summary>
/// The staff operations tests share one site: each makes its own fair days, producers and
/// series, so one start (migrations, seeds, materialization) serves them all and keeps the suite short.
/// </summary>
[CollectionDefinition(Name)]
public sealed class OperationsCollection : ICollectionFixture<MarketplaceFactory>
{
    public const string Name = "staff operations";
}
