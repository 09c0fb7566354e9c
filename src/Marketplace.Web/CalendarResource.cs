namespace Marketplace.Web;

/// <summary>
/// Marker for the strings of the staff calendar pages (venues and stall layouts, fair series, the
/// month view and fair-day exceptions): Resources/CalendarResource.resx (Spanish, the default),
/// .pt-BR.resx and .en.resx. Every key exists in all three.
/// </summary>
public sealed class CalendarResource;
