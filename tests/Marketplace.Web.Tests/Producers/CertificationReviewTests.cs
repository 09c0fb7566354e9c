using System.Net;
using Marketplace.Domain.Certifications;
using Marketplace.Domain.Files;
using Marketplace.Domain.Producers;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Marketplace.Web.Tests.Producers.ProducerScene;

namespace Marketplace.Web.Tests.Producers;

/// <summary>Staff of the producer's municipality verify or decline a certification on one screen.</summary>
public class CertificationReviewTests(MarketplaceFactory site) : IClassFixture<MarketplaceFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The demo producer sends a certification through its form; returns its id.</summary>
    private async Task<int> SendCertificationAsync(string code, FilePart? document = null)
    {
        var producer = await SignedInAsync(site, DemoProducer);
        var sent = await PostMultipartAsync(producer, "/Producer/Certifications", CertificationTests.ThirdParty(code),
            document ?? new FilePart("Input.Document", "certificado.pdf", "application/pdf", Pdf()));
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        return await site.WithDbAsync(db => db.Certifications.Where(c => c.Code == code).Select(c => c.Id).SingleAsync());
    }

    [Fact]
    public async Task Staff_of_the_municipality_verify_and_the_producer_gets_an_email_with_the_change()
    {
        var code = $"VER-{Guid.NewGuid():N}"[..16];
        var id = await SendCertificationAsync(code);
        var staff = await SignedInAsync(site, StaffHuancavelica);

        var list = await BodyAsync(await staff.GetAsync("/Staff/Certifications", Ct));
        Assert.Contains($"href=\"/Staff/Certifications/{id}\"", list);
        Assert.Contains(DemoProducerName, list);
        var screen = await staff.GetAsync($"/Staff/Certifications/{id}", Ct);
        Assert.Equal(HttpStatusCode.OK, screen.StatusCode);
        var html = await BodyAsync(screen);
        Assert.Contains($"href=\"/Staff/Certifications/{id}/Document\"", html);
        Assert.Contains(DemoProducerName, html);
        Assert.Contains(code, html);
        var document = await staff.GetAsync($"/Staff/Certifications/{id}/Document", Ct);
        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        Assert.Equal("application/pdf", document.Content.Headers.ContentType?.MediaType);
        // Downloaded, not shown inline: the site's CSP (object-src 'none') would block Chrome's PDF viewer.
        Assert.Equal("attachment", document.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(Pdf(), await document.Content.ReadAsByteArrayAsync(Ct));

        var verified = await Forms.PostAsync(staff, $"/Staff/Certifications/{id}", new Dictionary<string, string>(),
            $"/Staff/Certifications/{id}/Verify");

        Assert.Equal(HttpStatusCode.Redirect, verified.StatusCode);
        var certification = await site.WithDbAsync(db => db.Certifications.SingleAsync(c => c.Id == id));
        Assert.Equal(CertificationStatus.Verified, certification.Status);
        Assert.NotNull(certification.DecidedByUserId);
        var mail = await site.WithDbAsync(db => db.OutboxMessages
            .SingleAsync(m => m.Kind == "certification-verified" && m.TextBody.Contains(code)));
        Assert.Equal(DemoProducer, mail.ToAddress);
        Assert.Contains("BioLatina", mail.TextBody);
        Assert.Contains("/Producer/Certifications", mail.TextBody);

        // Verified and valid: the organic badge shows on the public profile.
        var producerId = await ProducerIdAsync(site, DemoProducer);
        Assert.Contains("tag organic", await BodyAsync(await site.CreateClient().GetAsync($"/Producers/{producerId}", Ct)));

        // A second decision on the same certification changes nothing and sends nothing.
        var again = await Forms.PostAsync(staff, $"/Staff/Certifications/{id}", new Dictionary<string, string> { ["Reason"] = "Tarde" },
            $"/Staff/Certifications/{id}/Decline");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(CertificationStatus.Verified, (await site.WithDbAsync(db => db.Certifications.SingleAsync(c => c.Id == id))).Status);
        Assert.False(await site.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.Kind == "certification-declined" && m.TextBody.Contains(code))));
    }

    [Fact]
    public async Task Declining_needs_a_reason_which_the_producer_receives()
    {
        var code = $"DEC-{Guid.NewGuid():N}"[..16];
        var id = await SendCertificationAsync(code, new FilePart("Input.Document", "scan.png", "image/png", Png(200, 100)));
        var staff = await SignedInAsync(site, StaffHuancavelica);
        var screen = await BodyAsync(await staff.GetAsync($"/Staff/Certifications/{id}", Ct));
        Assert.Contains($"<img src=\"/Staff/Certifications/{id}/Document\"", screen);

        var empty = await Forms.PostAsync(staff, $"/Staff/Certifications/{id}", new Dictionary<string, string> { ["Reason"] = "  " },
            $"/Staff/Certifications/{id}/Decline");

        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Contains("id=\"Reason-error\" class=\"field-error field-validation-error\"", await BodyAsync(empty));
        Assert.Equal(CertificationStatus.Pending, (await site.WithDbAsync(db => db.Certifications.SingleAsync(c => c.Id == id))).Status);

        var declined = await Forms.PostAsync(staff, $"/Staff/Certifications/{id}",
            new Dictionary<string, string> { ["Reason"] = "El código no figura en el registro de la certificadora." },
            $"/Staff/Certifications/{id}/Decline");

        Assert.Equal(HttpStatusCode.Redirect, declined.StatusCode);
        var certification = await site.WithDbAsync(db => db.Certifications.SingleAsync(c => c.Id == id));
        Assert.Equal(CertificationStatus.Declined, certification.Status);
        var mail = await site.WithDbAsync(db => db.OutboxMessages
            .SingleAsync(m => m.Kind == "certification-declined" && m.TextBody.Contains(code)));
        Assert.Contains("El código no figura en el registro de la certificadora.", mail.TextBody);
        var producer = await SignedInAsync(site, DemoProducer);
        Assert.Contains("El código no figura en el registro", await BodyAsync(await producer.GetAsync("/Producer/Certifications", Ct)));
    }

    [Fact]
    public async Task Staff_of_another_municipality_can_neither_see_nor_decide_it()
    {
        var code = $"PAR-{Guid.NewGuid():N}"[..16];
        var id = await SendCertificationAsync(code);
        var parana = await SignedInAsync(site, StaffParana);

        Assert.DoesNotContain(code, await BodyAsync(await parana.GetAsync("/Staff/Certifications", Ct)));
        Assert.Equal(HttpStatusCode.NotFound, (await parana.GetAsync($"/Staff/Certifications/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await parana.GetAsync($"/Staff/Certifications/{id}/Document", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await parana.GetAsync($"/Staff/Certifications/{id}/Photo", Ct)).StatusCode);
        var verify = await Forms.PostAsync(parana, "/Staff/Certifications", new Dictionary<string, string>(),
            $"/Staff/Certifications/{id}/Verify");
        Assert.Equal(HttpStatusCode.NotFound, verify.StatusCode);
        var decline = await Forms.PostAsync(parana, "/Staff/Certifications", new Dictionary<string, string> { ["Reason"] = "No" },
            $"/Staff/Certifications/{id}/Decline");
        Assert.Equal(HttpStatusCode.NotFound, decline.StatusCode);

        Assert.Equal(CertificationStatus.Pending, (await site.WithDbAsync(db => db.Certifications.SingleAsync(c => c.Id == id))).Status);
        Assert.False(await site.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.TextBody.Contains(code))));
        // A producer is no staff member at all.
        var producer = await SignedInAsync(site, DemoProducer);
        Assert.NotEqual(HttpStatusCode.OK, (await producer.GetAsync($"/Staff/Certifications/{id}", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_producer_without_email_is_told_through_the_phone_list()
    {
        var (producerId, id) = await site.WithDbAsync(async db =>
        {
            var municipality = await db.Municipalities.SingleAsync(m => m.Code == Huancavelica);
            var producer = new Producer
            {
                DisplayName = "Familia sin correo", MunicipalityId = municipality.Id, IsAssisted = true,
                CreatedAtUtc = DateTime.UtcNow,
            };
            db.Producers.Add(producer);
            await db.SaveChangesAsync();
            var file = new StoredFile
            {
                Id = Guid.NewGuid(), FileName = "c.pdf", ContentType = "application/pdf", Content = Pdf(),
                Length = Pdf().Length, OwnerProducerId = producer.Id, CreatedAtUtc = DateTime.UtcNow,
            };
            db.StoredFiles.Add(file);
            var certification = new Certification
            {
                ProducerId = producer.Id, Kind = CertificationKind.ParticipatoryGuarantee, GroupName = "Núcleo Ascensión",
                ValidFrom = new DateOnly(2026, 1, 1), ValidTo = DateOnly.FromDateTime(DateTime.UtcNow.AddYears(1)),
                DocumentFileId = file.Id, CreatedAtUtc = DateTime.UtcNow,
            };
            db.Certifications.Add(certification);
            await db.SaveChangesAsync();
            return (producer.Id, certification.Id);
        });
        var staff = await SignedInAsync(site, StaffHuancavelica);

        var verified = await Forms.PostAsync(staff, $"/Staff/Certifications/{id}", new Dictionary<string, string>(),
            $"/Staff/Certifications/{id}/Verify");

        Assert.Equal(HttpStatusCode.Redirect, verified.StatusCode);
        var notice = await site.WithDbAsync(db => db.PhoneNotices.SingleAsync(n => n.ProducerId == producerId));
        Assert.Contains("Núcleo Ascensión", notice.Text);
    }
}
