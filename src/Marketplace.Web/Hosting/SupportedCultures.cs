using System.Globalization;

namespace Marketplace.Web.Hosting;

public static class SupportedCultures
{
    public const string Default = "es";
    public static readonly IReadOnlyList<string> Names = ["es", "pt-BR", "en"];
    public static readonly IList<CultureInfo> All = Names.Select(CultureInfo.GetCultureInfo).ToList();

    /// <summary>The supported culture matching a name, or the default.</summary>
    public static string Normalize(string? name) =>
        Names.FirstOrDefault(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase)) ?? Default;
}
