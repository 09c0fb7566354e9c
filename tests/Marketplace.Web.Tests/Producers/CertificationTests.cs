using System.Net;
using System.Text;
using Marketplace.Domain.Certifications;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Marketplace.Web.Tests.Producers.ProducerScene;

namespace Marketplace.Web.Tests.Producers;

/// <summary>A producer adds, sees and withdraws its own certifications, and only its own.</summary>
public class CertificationTests(MarketplaceFactory site) : IClassFixture<MarketplaceFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static Dictionary<string, string> ThirdParty(string code) => new()
    {
        ["Input.Kind"] = nameof(CertificationKind.ThirdPartyOrganic),
        ["Input.Certifier"] = "BioLatina",
        ["Input.Code"] = code,
        ["Input.GroupName"] = "ignored for a third-party certification",
        ["Input.ValidFrom"] = DateTime.UtcNow.AddDays(-30).ToString("yyyy-MM-dd"),
        ["Input.ValidTo"] = DateTime.UtcNow.AddDays(335).ToString("yyyy-MM-dd"),
    };

    [Fact]
    public async Task Adding_a_certification_with_a_real_pdf_leaves_it_pending_with_its_document()
    {
        var client = await SignedInAsync(site, DemoProducer);
        var producerId = await ProducerIdAsync(site, DemoProducer);
        var code = $"PE-BIO-{Guid.NewGuid():N}"[..20];

        var response = await PostMultipartAsync(client, "/Producer/Certifications", ThirdParty(code),
            new FilePart("Input.Document", "certificado.pdf", "application/pdf", Pdf()));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var certification = await site.WithDbAsync(db => db.Certifications.SingleAsync(c => c.Code == code));
        Assert.Equal(producerId, certification.ProducerId);
        Assert.Equal(CertificationStatus.Pending, certification.Status);
        Assert.Equal("BioLatina", certification.Certifier);
        Assert.Null(certification.GroupName);
        var document = await site.WithDbAsync(db => db.StoredFiles.SingleAsync(f => f.Id == certification.DocumentFileId));
        Assert.Equal("application/pdf", document.ContentType);
        Assert.Equal("certificado.pdf", document.FileName);
        Assert.Equal(producerId, document.OwnerProducerId);
        Assert.Equal(Pdf(), document.Content);

        var list = await BodyAsync(await client.GetAsync("/Producer/Certifications", Ct));
        Assert.Contains(code, list);
        Assert.Contains("Pendiente de verificación", list);
        var details = await client.GetAsync($"/Producer/Certifications/{certification.Id}", Ct);
        Assert.Equal(HttpStatusCode.OK, details.StatusCode);
        Assert.Contains($"/Producer/Files/{document.Id}", await BodyAsync(details));
        var download = await client.GetAsync($"/Producer/Files/{document.Id}", Ct);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no-store", download.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task A_scan_as_png_is_accepted_and_stored_as_jpeg()
    {
        var client = await SignedInAsync(site, DemoProducer);
        var fields = new Dictionary<string, string>
        {
            ["Input.Kind"] = nameof(CertificationKind.ParticipatoryGuarantee),
            ["Input.GroupName"] = $"Núcleo Yauli {Guid.NewGuid():N}",
            ["Input.ValidFrom"] = "2026-01-01",
            ["Input.ValidTo"] = DateTime.UtcNow.AddYears(1).ToString("yyyy-MM-dd"),
        };

        var response = await PostMultipartAsync(client, "/Producer/Certifications", fields,
            new FilePart("Input.Document", "escaneo.png", "image/png", Png(400, 300)));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var document = await site.WithDbAsync(db => db.StoredFiles.SingleAsync(f =>
            f.Id == db.Certifications.Where(c => c.GroupName == fields["Input.GroupName"]).Select(c => c.DocumentFileId).Single()));
        Assert.Equal("image/jpeg", document.ContentType);
        Assert.Equal("escaneo.jpg", document.FileName);
        Assert.Equal((400, 300), SizeOf(document.Content));
    }

    [Fact]
    public async Task A_text_file_named_pdf_and_backwards_dates_are_field_errors_and_nothing_is_stored()
    {
        var client = await SignedInAsync(site, DemoProducer);
        var certifications = await site.WithDbAsync(db => db.Certifications.CountAsync());
        var files = await site.WithDbAsync(db => db.StoredFiles.CountAsync());
        var fields = ThirdParty("X-1");
        fields["Input.ValidFrom"] = "2026-12-31";
        fields["Input.ValidTo"] = "2026-01-01";
        fields["Input.Code"] = "";

        var response = await PostMultipartAsync(client, "/Producer/Certifications", fields,
            new FilePart("Input.Document", "certificado.pdf", "application/pdf", Encoding.UTF8.GetBytes("solo texto")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await BodyAsync(response);
        Assert.Contains("id=\"Input_Document-error\" class=\"field-error field-validation-error\"", html);
        Assert.Contains("id=\"Input_ValidTo-error\" class=\"field-error field-validation-error\"", html);
        Assert.Contains("id=\"Input_Code-error\" class=\"field-error field-validation-error\"", html);
        Assert.Equal(certifications, await site.WithDbAsync(db => db.Certifications.CountAsync()));
        Assert.Equal(files, await site.WithDbAsync(db => db.StoredFiles.CountAsync()));
    }

    [Fact]
    public async Task A_pdf_cut_off_before_its_end_is_refused()
    {
        var client = await SignedInAsync(site, DemoProducer);
        var truncated = Pdf()[..40];

        var response = await PostMultipartAsync(client, "/Producer/Certifications", ThirdParty("CUT-1"),
            new FilePart("Input.Document", "cortado.pdf", "application/pdf", truncated));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("No se pudo leer el documento", await BodyAsync(response));
    }

    [Fact]
    public async Task Another_producers_certification_and_document_answer_404_and_cannot_be_withdrawn()
    {
        var owner = await SignedInAsync(site, DemoProducer);
        var code = $"OWN-{Guid.NewGuid():N}"[..16];
        Assert.Equal(HttpStatusCode.Redirect, (await PostMultipartAsync(owner, "/Producer/Certifications", ThirdParty(code),
            new FilePart("Input.Document", "c.pdf", "application/pdf", Pdf()))).StatusCode);
        var certification = await site.WithDbAsync(db => db.Certifications.SingleAsync(c => c.Code == code));

        var strangerEmail = await NewProducerAccountAsync(site);
        var stranger = await SignedInAsync(site, strangerEmail);
        var municipality = await MunicipalityIdAsync(site, Huancavelica);
        Assert.Equal(HttpStatusCode.Redirect, (await PostMultipartAsync(stranger, "/Producer/Profile", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Familia Ajena",
            ["Input.OrganizationType"] = "Family",
            ["Input.MunicipalityId"] = municipality.ToString(System.Globalization.CultureInfo.InvariantCulture),
        })).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/Producer/Certifications/{certification.Id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/Producer/Files/{certification.DocumentFileId}", Ct)).StatusCode);
        Assert.DoesNotContain(code, await BodyAsync(await stranger.GetAsync("/Producer/Certifications", Ct)));
        var withdraw = await Forms.PostAsync(stranger, "/Producer/Certifications", new Dictionary<string, string>(),
            $"/Producer/Certifications/{certification.Id}?handler=Withdraw");
        Assert.Equal(HttpStatusCode.NotFound, withdraw.StatusCode);
        Assert.True(await site.WithDbAsync(db => db.Certifications.AnyAsync(c => c.Id == certification.Id)));

        // The owner can withdraw it; its document goes with it.
        var withdrawn = await Forms.PostAsync(owner, $"/Producer/Certifications/{certification.Id}", new Dictionary<string, string>(),
            $"/Producer/Certifications/{certification.Id}?handler=Withdraw");
        Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);
        Assert.False(await site.WithDbAsync(db => db.Certifications.AnyAsync(c => c.Id == certification.Id)));
        Assert.False(await site.WithDbAsync(db => db.StoredFiles.AnyAsync(f => f.Id == certification.DocumentFileId)));
    }

    [Fact]
    public async Task A_producer_account_without_a_profile_is_sent_to_fill_it_first()
    {
        var client = await SignedInAsync(site, await NewProducerAccountAsync(site));

        var page = await client.GetAsync("/Producer/Certifications", Ct);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("href=\"/Producer/Profile\"", await BodyAsync(page));
        Assert.DoesNotContain("Input.Document", await BodyAsync(page));
    }
}
