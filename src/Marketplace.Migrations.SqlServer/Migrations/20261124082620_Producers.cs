using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class Producers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CalendarToken",
                table: "Producers",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ContactGender",
                table: "Producers",
                type: "nvarchar(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ContactName",
                table: "Producers",
                type: "nvarchar(160)",
                maxLength: 160,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "DeletedAtUtc",
                table: "Producers",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "IsAssisted",
                table: "Producers",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "IsContactPublic",
                table: "Producers",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "IsFeeWaived",
                table: "Producers",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "IsPhotoPublic",
                table: "Producers",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "NationalId",
                table: "Producers",
                type: "nvarchar(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "PhotoFileId",
                table: "Producers",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "LocalQuotaPercent",
                table: "FairSeries",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "OfferHoldHours",
                table: "FairSeries",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "WomenQuotaPercent",
                table: "FairSeries",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "LotteryDrawnAtUtc",
                table: "FairDays",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "LotterySeed",
                table: "FairDays",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "CancelledAtUtc",
                table: "Bookings",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "FeeAmount",
                table: "Bookings",
                type: "decimal(18,2)",
                precision: 18,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<bool>(
                name: "IsFeeWaived",
                table: "Bookings",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTime>(
                name: "OfferExpiresAtUtc",
                table: "Bookings",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ReminderSentAtUtc",
                table: "Bookings",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "WaitlistPosition",
                table: "Bookings",
                type: "int",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "BookingItems",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    BookingId = table.Column<int>(type: "int", nullable: false),
                    ProductCategoryId = table.Column<int>(type: "int", nullable: true),
                    Description = table.Column<string>(type: "nvarchar(120)", maxLength: 120, nullable: false),
                    Quantity = table.Column<string>(type: "nvarchar(60)", maxLength: 60, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BookingItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BookingItems_Bookings_BookingId",
                        column: x => x.BookingId,
                        principalTable: "Bookings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_BookingItems_ProductCategories_ProductCategoryId",
                        column: x => x.ProductCategoryId,
                        principalTable: "ProductCategories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PhoneNotices",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ProducerId = table.Column<int>(type: "int", nullable: false),
                    MunicipalityId = table.Column<int>(type: "int", nullable: false),
                    Subject = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: false),
                    Text = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    DoneAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    DoneByUserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PhoneNotices", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PhoneNotices_Municipalities_MunicipalityId",
                        column: x => x.MunicipalityId,
                        principalTable: "Municipalities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PhoneNotices_Producers_ProducerId",
                        column: x => x.ProducerId,
                        principalTable: "Producers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SeriesFees",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    FairSeriesId = table.Column<int>(type: "int", nullable: false),
                    StallKind = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Amount = table.Column<decimal>(type: "decimal(18,2)", precision: 18, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SeriesFees", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SeriesFees_FairSeries_FairSeriesId",
                        column: x => x.FairSeriesId,
                        principalTable: "FairSeries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SeriesMemberships",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    FairSeriesId = table.Column<int>(type: "int", nullable: false),
                    ProducerId = table.Column<int>(type: "int", nullable: false),
                    Status = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    DecisionReason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    AppliedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    DecidedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SeriesMemberships", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SeriesMemberships_FairSeries_FairSeriesId",
                        column: x => x.FairSeriesId,
                        principalTable: "FairSeries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SeriesMemberships_Producers_ProducerId",
                        column: x => x.ProducerId,
                        principalTable: "Producers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "StoredFiles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    FileName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Length = table.Column<long>(type: "bigint", nullable: false),
                    Content = table.Column<byte[]>(type: "varbinary(max)", nullable: false),
                    OwnerProducerId = table.Column<int>(type: "int", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StoredFiles", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StoredFiles_Producers_OwnerProducerId",
                        column: x => x.OwnerProducerId,
                        principalTable: "Producers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Certifications",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ProducerId = table.Column<int>(type: "int", nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Certifier = table.Column<string>(type: "nvarchar(160)", maxLength: 160, nullable: true),
                    Code = table.Column<string>(type: "nvarchar(80)", maxLength: 80, nullable: true),
                    GroupName = table.Column<string>(type: "nvarchar(160)", maxLength: 160, nullable: true),
                    ValidFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    ValidTo = table.Column<DateOnly>(type: "date", nullable: false),
                    DocumentFileId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Status = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    DecisionReason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    DecidedByUserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: true),
                    DecidedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ExpiryReminderSentAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Certifications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Certifications_Producers_ProducerId",
                        column: x => x.ProducerId,
                        principalTable: "Producers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Certifications_StoredFiles_DocumentFileId",
                        column: x => x.DocumentFileId,
                        principalTable: "StoredFiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Producers_CalendarToken",
                table: "Producers",
                column: "CalendarToken",
                unique: true,
                filter: "[CalendarToken] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Producers_PhotoFileId",
                table: "Producers",
                column: "PhotoFileId");

            migrationBuilder.CreateIndex(
                name: "IX_Bookings_Status_OfferExpiresAtUtc",
                table: "Bookings",
                columns: new[] { "Status", "OfferExpiresAtUtc" });

            migrationBuilder.CreateIndex(
                name: "UX_Bookings_FairDay_Producer_Offer",
                table: "Bookings",
                columns: new[] { "FairDayId", "ProducerId" },
                unique: true,
                filter: "[Status] = 'Offered'");

            migrationBuilder.CreateIndex(
                name: "UX_Bookings_FairDay_WaitlistPosition",
                table: "Bookings",
                columns: new[] { "FairDayId", "WaitlistPosition" },
                unique: true,
                filter: "[WaitlistPosition] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_BookingItems_BookingId",
                table: "BookingItems",
                column: "BookingId");

            migrationBuilder.CreateIndex(
                name: "IX_BookingItems_ProductCategoryId",
                table: "BookingItems",
                column: "ProductCategoryId");

            migrationBuilder.CreateIndex(
                name: "IX_Certifications_DocumentFileId",
                table: "Certifications",
                column: "DocumentFileId");

            migrationBuilder.CreateIndex(
                name: "IX_Certifications_ProducerId_Status",
                table: "Certifications",
                columns: new[] { "ProducerId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Certifications_Status_ValidTo",
                table: "Certifications",
                columns: new[] { "Status", "ValidTo" });

            migrationBuilder.CreateIndex(
                name: "IX_PhoneNotices_MunicipalityId_DoneAtUtc",
                table: "PhoneNotices",
                columns: new[] { "MunicipalityId", "DoneAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_PhoneNotices_ProducerId",
                table: "PhoneNotices",
                column: "ProducerId");

            migrationBuilder.CreateIndex(
                name: "IX_SeriesFees_FairSeriesId_StallKind",
                table: "SeriesFees",
                columns: new[] { "FairSeriesId", "StallKind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SeriesMemberships_FairSeriesId_ProducerId",
                table: "SeriesMemberships",
                columns: new[] { "FairSeriesId", "ProducerId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SeriesMemberships_ProducerId",
                table: "SeriesMemberships",
                column: "ProducerId");

            migrationBuilder.CreateIndex(
                name: "IX_StoredFiles_OwnerProducerId",
                table: "StoredFiles",
                column: "OwnerProducerId");

            migrationBuilder.AddForeignKey(
                name: "FK_Producers_StoredFiles_PhotoFileId",
                table: "Producers",
                column: "PhotoFileId",
                principalTable: "StoredFiles",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Producers_StoredFiles_PhotoFileId",
                table: "Producers");

            migrationBuilder.DropTable(
                name: "BookingItems");

            migrationBuilder.DropTable(
                name: "Certifications");

            migrationBuilder.DropTable(
                name: "PhoneNotices");

            migrationBuilder.DropTable(
                name: "SeriesFees");

            migrationBuilder.DropTable(
                name: "SeriesMemberships");

            migrationBuilder.DropTable(
                name: "StoredFiles");

            migrationBuilder.DropIndex(
                name: "IX_Producers_CalendarToken",
                table: "Producers");

            migrationBuilder.DropIndex(
                name: "IX_Producers_PhotoFileId",
                table: "Producers");

            migrationBuilder.DropIndex(
                name: "IX_Bookings_Status_OfferExpiresAtUtc",
                table: "Bookings");

            migrationBuilder.DropIndex(
                name: "UX_Bookings_FairDay_Producer_Offer",
                table: "Bookings");

            migrationBuilder.DropIndex(
                name: "UX_Bookings_FairDay_WaitlistPosition",
                table: "Bookings");

            migrationBuilder.DropColumn(
                name: "CalendarToken",
                table: "Producers");

            migrationBuilder.DropColumn(
                name: "ContactGender",
                table: "Producers");

            migrationBuilder.DropColumn(
                name: "ContactName",
                table: "Producers");

            migrationBuilder.DropColumn(
                name: "DeletedAtUtc",
                table: "Producers");

            migrationBuilder.DropColumn(
                name: "IsAssisted",
                table: "Producers");

            migrationBuilder.DropColumn(
                name: "IsContactPublic",
                table: "Producers");

            migrationBuilder.DropColumn(
                name: "IsFeeWaived",
                table: "Producers");

            migrationBuilder.DropColumn(
                name: "IsPhotoPublic",
                table: "Producers");

            migrationBuilder.DropColumn(
                name: "NationalId",
                table: "Producers");

            migrationBuilder.DropColumn(
                name: "PhotoFileId",
                table: "Producers");

            migrationBuilder.DropColumn(
                name: "LocalQuotaPercent",
                table: "FairSeries");

            migrationBuilder.DropColumn(
                name: "OfferHoldHours",
                table: "FairSeries");

            migrationBuilder.DropColumn(
                name: "WomenQuotaPercent",
                table: "FairSeries");

            migrationBuilder.DropColumn(
                name: "LotteryDrawnAtUtc",
                table: "FairDays");

            migrationBuilder.DropColumn(
                name: "LotterySeed",
                table: "FairDays");

            migrationBuilder.DropColumn(
                name: "CancelledAtUtc",
                table: "Bookings");

            migrationBuilder.DropColumn(
                name: "FeeAmount",
                table: "Bookings");

            migrationBuilder.DropColumn(
                name: "IsFeeWaived",
                table: "Bookings");

            migrationBuilder.DropColumn(
                name: "OfferExpiresAtUtc",
                table: "Bookings");

            migrationBuilder.DropColumn(
                name: "ReminderSentAtUtc",
                table: "Bookings");

            migrationBuilder.DropColumn(
                name: "WaitlistPosition",
                table: "Bookings");
        }
    }
}
