using Marketplace.Domain.Fairs;

namespace Marketplace.Infrastructure.Fairs;

public enum FairDayChangeKind
{
    /// <summary>New date, venue or hours (by staff, or by an edit of its series).</summary>
    Moved,
    Skipped,
    Cancelled,
}

/// <summary>A fair day staff changed, as announced to every <see cref="IFairDayChangeListener"/>.</summary>
/// <param name="Day">The day after the change, loaded with its series and venue.</param>
/// <param name="Kind">What happened to it.</param>
/// <param name="PreviousDate">Its local date before the change.</param>
/// <param name="PreviousVenueId">Its venue before the change.</param>
public sealed record FairDayChange(FairDay Day, FairDayChangeKind Kind, DateOnly PreviousDate, int PreviousVenueId);

/// <summary>
/// The single point where "a fair day changed or was cancelled" is announced (resident alerts plug
/// in here). Every registered listener is called inside the change's transaction, before it is
/// saved: what a listener adds to the <see cref="Data.MarketplaceDbContext"/> (outbox messages) is
/// committed with the change, or not at all. Register implementations as scoped services.
/// </summary>
public interface IFairDayChangeListener
{
    Task FairDayChangedAsync(FairDayChange change, CancellationToken cancellationToken);
}
