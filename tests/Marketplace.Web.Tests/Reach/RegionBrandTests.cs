using System.Net;
using System.Text;
using Marketplace.Infrastructure.Mail;
using Marketplace.Web.Tests.Infrastructure;
using Marketplace.Web.Tests.Producers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Marketplace.Web.Tests.Producers.ProducerScene;

namespace Marketplace.Web.Tests.Reach;

/// <summary>
/// An administrator edits a region's brand at /Admin/Regions: bad input gets field errors and
/// changes nothing; a good brand shows in the header, the posters and the e-mails.
/// </summary>
public class RegionBrandTests(MarketplaceFactory site) : IClassFixture<MarketplaceFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<int> RegionIdAsync(string code) =>
        site.WithDbAsync(db => db.Regions.Where(r => r.Code == code).Select(r => r.Id).SingleAsync(Ct));

    private static List<KeyValuePair<string, string>> Brand(string name, string color, string culture = "pt-BR") =>
    [
        new("Input.Name", name),
        new("Input.PrimaryColor", color),
        new("Input.DefaultCulture", culture),
        new("Input.WelcomeText", "Compre de quem planta."),
    ];

    [Fact]
    public async Task Only_administrators_edit_brands()
    {
        var id = await RegionIdAsync("parana");
        var anonymous = await site.CreateBrowserClient().GetAsync($"/Admin/Regions/Edit/{id}", Ct);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/Identity/Account/Login", anonymous.Headers.Location!.OriginalString);

        var staff = await SignedInAsync(site, StaffParana);
        var denied = await staff.GetAsync($"/Admin/Regions/Edit/{id}", Ct);
        Assert.True(denied.StatusCode is HttpStatusCode.Forbidden
            || denied.Headers.Location?.OriginalString.Contains("AccessDenied") == true);

        var admin = await SignedInAsync(site, "admin@demo.local");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/Admin/Regions/Edit/99999", Ct)).StatusCode);
        Assert.Contains("Paraná", await admin.GetStringAsync("/Admin/Regions", Ct));
    }

    [Theory]
    [InlineData("1b5e20")]
    [InlineData("#1b5e2")]
    [InlineData("#gg0000")]
    [InlineData("green")]
    public async Task A_colour_that_is_not_hash_and_six_hex_digits_is_a_field_error(string color)
    {
        var id = await RegionIdAsync("parana");
        var admin = await SignedInAsync(site, "admin@demo.local");

        var response = await PostMultipartAsync(admin, $"/Admin/Regions/Edit/{id}", Brand("Paraná Verde", color));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("id=\"Input_PrimaryColor\"", html);
        Assert.Matches("id=\"Input_PrimaryColor\"[^>]*aria-invalid=\"true\"|aria-invalid=\"true\"[^>]*id=\"Input_PrimaryColor\"", html);
        Assert.Contains("href=\"#Input_PrimaryColor\"", html);
        Assert.NotEqual("Paraná Verde", await site.WithDbAsync(db => db.Regions.Where(r => r.Id == id).Select(r => r.Name).SingleAsync(Ct)));
    }

    [Fact]
    public async Task A_logo_too_large_or_not_an_image_is_a_field_error_and_nothing_is_saved()
    {
        var id = await RegionIdAsync("parana");
        var admin = await SignedInAsync(site, "admin@demo.local");
        var files = await site.WithDbAsync(db => db.StoredFiles.CountAsync(Ct));

        var lying = await PostMultipartAsync(admin, $"/Admin/Regions/Edit/{id}", Brand("Paraná Mentira", "#0d47a1"),
            new FilePart("Input.Logo", "logo.png", "image/png", Encoding.UTF8.GetBytes("<svg onload=alert(1)>not a png</svg>")));
        var lyingHtml = await lying.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, lying.StatusCode);
        Assert.Contains("El archivo no es una imagen PNG ni JPEG.", lyingHtml);
        Assert.Contains("href=\"#Input_Logo\"", lyingHtml);

        var big = Noise(700, 700);
        Assert.True(big.Length > 1024 * 1024, "the test image must exceed the 1 MB limit");
        var oversized = await PostMultipartAsync(admin, $"/Admin/Regions/Edit/{id}", Brand("Paraná Grande", "#0d47a1"),
            new FilePart("Input.Logo", "logo.png", "image/png", big));
        Assert.Equal(HttpStatusCode.OK, oversized.StatusCode);
        Assert.Contains("El logo pesa más de 1024 KB.", await oversized.Content.ReadAsStringAsync(Ct));

        Assert.Equal(files, await site.WithDbAsync(db => db.StoredFiles.CountAsync(Ct)));
        Assert.Equal("Paraná", await site.WithDbAsync(db => db.Regions.Where(r => r.Id == id).Select(r => r.Name).SingleAsync(Ct)));
    }

    [Fact]
    public async Task A_saved_brand_shows_in_the_header_the_poster_and_an_email()
    {
        var id = await RegionIdAsync("huancavelica");
        var admin = await SignedInAsync(site, "admin@demo.local");

        var saved = await PostMultipartAsync(admin, $"/Admin/Regions/Edit/{id}",
            Brand("Huancavelica Orgánica", "#ffeb3b", culture: "es"),
            new FilePart("Input.Logo", "escudo.png", "image/png", Png(600, 300)));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var region = await site.WithDbAsync(db => db.Regions.AsNoTracking().SingleAsync(r => r.Id == id, Ct));
        Assert.Equal("#ffeb3b", region.PrimaryColor);
        Assert.NotNull(region.LogoFileId);

        var home = await site.CreateClient().GetStringAsync("/", Ct);
        Assert.Contains("<span id=\"brand-name\">Huancavelica Orgánica</span>", home);
        Assert.Contains($"src=\"/brand/logo/{region.LogoFileId:N}\"", home);
        Assert.Contains("href=\"/brand/ffeb3b.css\"", home);
        Assert.Contains("Compre de quem planta.", home);
        // Yellow is too light for white text: the header writes in black.
        Assert.Equal(":root{--brand:#ffeb3b;--brand-text:#000000}", await site.CreateClient().GetStringAsync("/brand/ffeb3b.css", Ct));
        var logo = await site.CreateClient().GetAsync($"/brand/logo/{region.LogoFileId:N}", Ct);
        Assert.Equal("image/png", logo.Content.Headers.ContentType!.MediaType);
        Assert.True(logo.Headers.CacheControl!.MaxAge > TimeSpan.FromDays(300));

        var dayId = await site.WithDbAsync(db => db.FairDays.Where(d => d.Venue!.Municipality!.RegionId == id)
            .Select(d => d.Id).FirstAsync(Ct));
        Assert.Contains("<span id=\"poster-region\">Huancavelica Orgánica</span>",
            await site.CreateClient().GetStringAsync($"/Fairs/{dayId}/Poster", Ct));

        var mail = await NotifyDemoProducerAsync();
        Assert.StartsWith("Huancavelica Orgánica: ", mail.Subject);
        Assert.Contains("background:#ffeb3b;color:#000000\">Huancavelica Orgánica</h1>", mail.HtmlBody!);
    }

    /// <summary>A certification e-mail to the demo producer of Huancavelica, through the site's own messenger.</summary>
    private async Task<Domain.Mail.OutboxMessage> NotifyDemoProducerAsync()
    {
        await using var scope = site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Marketplace.Infrastructure.Data.MarketplaceDbContext>();
        var userId = await db.Users.Where(u => u.Email == DemoProducer).Select(u => u.Id).SingleAsync(Ct);
        var producer = await db.Producers.SingleAsync(p => p.UserId == userId, Ct);
        var messenger = scope.ServiceProvider.GetRequiredService<ProducerMessenger>();
        Assert.True(await messenger.NotifyAsync(producer, "certification-declined", "CertificationDeclined", null,
            "certificación orgánica", "documento ilegible"));
        await db.SaveChangesAsync(Ct);
        return await db.OutboxMessages.AsNoTracking().Where(m => m.Kind == "certification-declined")
            .OrderByDescending(m => m.CreatedAtUtc).FirstAsync(Ct);
    }

    /// <summary>A PNG of random pixels: it does not compress, so its size follows its dimensions.</summary>
    private static byte[] Noise(int width, int height)
    {
        using var bitmap = new SkiaSharp.SKBitmap(width, height);
        var random = new Random(7);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                bitmap.SetPixel(x, y, new SkiaSharp.SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256)));
            }
        }
        using var image = SkiaSharp.SKImage.FromBitmap(bitmap);
        return image.Encode(SkiaSharp.SKEncodedImageFormat.Png, 100).ToArray();
    }
}
