using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Marketplace.Infrastructure.Identity;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;

namespace Marketplace.Web.Tests.Producers;

/// <summary>A file to post in a multipart form.</summary>
public sealed record FilePart(string Field, string FileName, string ContentType, byte[] Content);

/// <summary>
/// Helpers of the producer tests: fresh producer accounts, multipart posts as a browser sends
/// them, and real image and PDF files made on the spot.
/// </summary>
public static partial class ProducerScene
{
    public const string DemoProducer = "producer@demo.local";
    public const string DemoProducerName = "Cooperativa Agraria Papa Nativa de Yauli";
    public const string StaffHuancavelica = "staff@demo.local";
    public const string StaffParana = "staff.parana@demo.local";
    public const string Huancavelica = "PE-0901";

    public static async Task<HttpClient> SignedInAsync(MarketplaceFactory site, string email)
    {
        var client = site.CreateBrowserClient();
        var response = await Forms.SignInAsync(client, email, MarketplaceFactory.DemoPassword);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>A confirmed account in the Producer role, without a producer row yet.</summary>
    public static async Task<string> NewProducerAccountAsync(MarketplaceFactory site)
    {
        var email = $"productor.{Guid.NewGuid():N}@example.org";
        await using var scope = site.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, PreferredCulture = "es" };
        Assert.True((await users.CreateAsync(user, MarketplaceFactory.DemoPassword)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.Producer)).Succeeded);
        return email;
    }

    public static Task<int> MunicipalityIdAsync(MarketplaceFactory site, string code) =>
        site.WithDbAsync(db => db.Municipalities.Where(m => m.Code == code).Select(m => m.Id).SingleAsync());

    public static Task<int> ProducerIdAsync(MarketplaceFactory site, string email) =>
        site.WithDbAsync(db => db.Producers
            .Where(p => db.Users.Any(u => u.Id == p.UserId && u.Email == email))
            .Select(p => p.Id).SingleAsync());

    /// <summary>Reads the page's antiforgery token, then posts its form as multipart/form-data.</summary>
    public static async Task<HttpResponseMessage> PostMultipartAsync(HttpClient client, string pagePath,
        IEnumerable<KeyValuePair<string, string>> fields, params FilePart[] files)
    {
        var page = await client.GetAsync(pagePath);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var token = TokenPattern().Match(await page.Content.ReadAsStringAsync());
        Assert.True(token.Success, $"No antiforgery token on {pagePath}");

        var form = new MultipartFormDataContent();
        form.Add(new StringContent(WebUtility.HtmlDecode(token.Groups[1].Value)), "__RequestVerificationToken");
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value, Encoding.UTF8), name);
        }
        foreach (var file in files)
        {
            var content = new ByteArrayContent(file.Content);
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(file.ContentType);
            form.Add(content, file.Field, file.FileName);
        }
        return await client.PostAsync(pagePath, form);
    }

    /// <summary>A real PNG of the given size: a colour gradient, so it does not compress to nothing.</summary>
    public static byte[] Png(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                bitmap.SetPixel(x, y, new SKColor((byte)(x * 255 / width), (byte)(y * 255 / height), 120));
            }
        }
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>A small but complete PDF: header, one empty page, cross-reference table, end-of-file marker.</summary>
    public static byte[] Pdf() => Encoding.ASCII.GetBytes(
        "%PDF-1.4\n" +
        "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n" +
        "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n" +
        "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >> endobj\n" +
        "trailer << /Root 1 0 R /Size 4 >>\n" +
        "%%EOF\n");

    public static (int Width, int Height) SizeOf(byte[] image)
    {
        using var codec = SKCodec.Create(new MemoryStream(image));
        return (codec.Info.Width, codec.Info.Height);
    }

    public static async Task<string> BodyAsync(HttpResponseMessage response) =>
        WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
