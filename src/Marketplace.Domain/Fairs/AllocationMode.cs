namespace Marketplace.Domain.Fairs;

public enum AllocationMode
{
    /// <summary>Bookings are confirmed at once while stalls are free.</summary>
    FirstCome,
    /// <summary>Requests are collected until the window closes, then drawn.</summary>
    Lottery,
}
