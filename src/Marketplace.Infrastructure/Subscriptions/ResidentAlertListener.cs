using Marketplace.Infrastructure.Fairs;

namespace Marketplace.Infrastructure.Subscriptions;

/// <summary>
/// Residents' alerts hear of every staff change to a fair day: a cancelled, skipped or moved day
/// is announced to the confirmed subscribers of its place (old and new place for a move), in the
/// change's own transaction.
/// </summary>
public sealed class ResidentAlertListener(SubscriberAlerts alerts) : IFairDayChangeListener
{
    public async Task FairDayChangedAsync(FairDayChange change, CancellationToken cancellationToken)
    {
        var previousVenue = change.Kind == FairDayChangeKind.Moved && change.PreviousVenueId != change.Day.VenueId
            ? change.PreviousVenueId
            : (int?)null;
        await alerts.FairDayChangedAsync(change.Day, previousVenue, cancellationToken);
    }
}
