package dev.botwebhooks.admin;

import dev.botwebhooks.archive.BadArchive;
import dev.botwebhooks.archive.BotArchives;
import dev.botwebhooks.bot.BotRepository;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * {@code POST /api/v1/bots/{id}/import} (a zip or tar.gz of a Bots.Business bot folder; {@code ?strict=true}
 * imports nothing unless every command file can be imported) and {@code GET /api/v1/bots/{id}/export} (the
 * same layout back, as a zip).
 */
@Component
class BotArchiveHandler {

    private final AdminAuthentication auth;
    private final BotArchives archives;
    private final BotRepository bots;

    BotArchiveHandler(AdminAuthentication auth, BotArchives archives, BotRepository bots) {
        this.auth = auth;
        this.archives = archives;
        this.bots = bots;
    }

    Mono<ServerResponse> importArchive(ServerRequest request) {
        boolean strict = request.queryParam("strict").map(Boolean::parseBoolean).orElse(false);
        long max = archives.maxArchiveBytes();
        return auth.bot(request)
                .zipWith(DataBufferUtils.join(request.body(BodyExtractors.toDataBuffers()), (int) Math.min(Integer.MAX_VALUE, max))
                        .map(buffer -> {
                            byte[] bytes = new byte[buffer.readableByteCount()];
                            buffer.read(bytes);
                            DataBufferUtils.release(buffer);
                            return bytes;
                        })
                        .defaultIfEmpty(new byte[0])
                        .onErrorMap(DataBufferLimitException.class, tooLarge -> new ApiProblem(HttpStatus.CONTENT_TOO_LARGE,
                                "the archive is over " + max / (1024 * 1024) + " MB (webhooks.archive.max-archive-size)")))
                .flatMap(found -> archives.importArchive(found.getT1(), found.getT2(), strict))
                .onErrorMap(BadArchive.class, bad -> ApiProblem.badRequest(bad.getMessage()))
                .onErrorMap(BotArchives.ImportRefused.class, refused -> {
                    ApiProblem problem = ApiProblem.badRequest(refused.getMessage());
                    problem.getBody().setProperty("skipped", refused.skipped());
                    return problem;
                })
                .flatMap(report -> ServerResponse.ok().bodyValue(report));
    }

    Mono<ServerResponse> exportArchive(ServerRequest request) {
        return auth.bot(request)
                .flatMap(botId -> bots.findById(botId)
                        .flatMap(bot -> archives.exportArchive(botId, bot.name())
                                .map(zip -> new Exported(bot.name(), zip))))
                .onErrorMap(BotArchives.TooLargeToExport.class, tooLarge -> ApiProblem.conflict(tooLarge.getMessage()))
                .flatMap(exported -> ServerResponse.ok()
                        .contentType(MediaType.parseMediaType("application/zip"))
                        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                                .filename(exported.fileName(), java.nio.charset.StandardCharsets.UTF_8).build().toString())
                        .bodyValue(exported.zip()));
    }

    private record Exported(String botName, byte[] zip) {
        String fileName() {
            return botName.replaceAll("[^\\p{L}\\p{N}._-]+", "_") + ".zip";
        }
    }
}
