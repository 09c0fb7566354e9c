namespace Marketplace.Web;

/// <summary>
/// Marker for the strings of the "about this site" page and its footer link:
/// Resources/AboutResource.resx (Spanish, the default), .pt-BR.resx and .en.resx.
/// Every key exists in all three.
/// </summary>
public sealed class AboutResource;
