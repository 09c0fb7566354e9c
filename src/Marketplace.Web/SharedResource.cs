namespace Marketplace.Web;

/// <summary>
/// Marker for the site's shared strings: Resources/SharedResource.resx (Spanish, the default),
/// .pt-BR.resx and .en.resx. Every key exists in all three.
/// </summary>
public sealed class SharedResource;
