using QRCoder;

namespace Marketplace.Web.Pages.Fairs;

/// <summary>
/// The QR code of a poster as inline SVG (sharp at any print size, no extra request). Error
/// correction level M survives a crease or a pin hole; the quiet zone is kept so phones find it.
/// </summary>
public static class PosterQr
{
    public static string Svg(string url)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(8, "#000000", "#ffffff", drawQuietZones: true,
            sizingMode: SvgQRCode.SizingMode.ViewBoxAttribute);
    }
}
