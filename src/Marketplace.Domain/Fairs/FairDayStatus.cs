namespace Marketplace.Domain.Fairs;

public enum FairDayStatus
{
    Scheduled,
    /// <summary>Taken out of the calendar by staff before anyone relied on it.</summary>
    Skipped,
    /// <summary>Called off with a reason; stays visible as cancelled.</summary>
    Cancelled,
}
