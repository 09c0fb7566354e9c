namespace Marketplace.Web;

/// <summary>
/// Marker for the strings of the residents' pages (search filters, map, alerts):
/// Resources/ResidentResource.resx (Spanish, the default), .pt-BR.resx and .en.resx.
/// </summary>
public sealed class ResidentResource;
