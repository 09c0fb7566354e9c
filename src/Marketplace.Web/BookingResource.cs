namespace Marketplace.Web;

/// <summary>
/// Marker for the producer's booking pages' strings (booking, dashboard, what I'll bring, calendar
/// feed): Resources/BookingResource.resx (Spanish, the default), .pt-BR.resx and .en.resx.
/// Every key exists in all three.
/// </summary>
public sealed class BookingResource;
