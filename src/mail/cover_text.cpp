#include "mail/cover_text.h"

#include <map>

namespace twinning::mail {
namespace {

// {n}: the number, {d}: the date.
const std::map<std::string, std::string, std::less<>>& texts() {
  static const std::map<std::string, std::string, std::less<>> t = {
      {"en", "Please find attached our letter No. {n} of {d}.\nTo answer, reply to this message and keep its reply address."},
      {"ru", "Направляем Вам во вложении наше письмо № {n} от {d}.\nЧтобы ответить, ответьте на это сообщение, сохранив адрес для ответа."},
      {"de", "Anbei erhalten Sie unser Schreiben Nr. {n} vom {d}.\nUm zu antworten, antworten Sie bitte auf diese Nachricht und behalten Sie die Antwortadresse bei."},
      {"fr", "Veuillez trouver ci-joint notre lettre n° {n} du {d}.\nPour répondre, répondez à ce message en conservant son adresse de réponse."},
      {"es", "Adjuntamos nuestra carta n.º {n} de {d}.\nPara contestar, responda a este mensaje conservando su dirección de respuesta."},
      {"it", "In allegato la nostra lettera n. {n} del {d}.\nPer rispondere, rispondete a questo messaggio mantenendo il suo indirizzo di risposta."},
      {"pt", "Segue em anexo a nossa carta n.º {n} de {d}.\nPara responder, responda a esta mensagem mantendo o seu endereço de resposta."},
      {"nl", "Bijgaand treft u onze brief nr. {n} van {d}.\nOm te antwoorden, beantwoordt u dit bericht met behoud van het antwoordadres."},
      {"pl", "W załączeniu przesyłamy nasze pismo nr {n} z dnia {d}.\nAby odpowiedzieć, prosimy odpowiedzieć na tę wiadomość, zachowując jej adres zwrotny."},
      {"cs", "V příloze zasíláme náš dopis č. {n} ze dne {d}.\nChcete-li odpovědět, odpovězte na tuto zprávu a ponechte její adresu pro odpověď."},
      {"bg", "Приложено изпращаме нашето писмо № {n} от {d}.\nЗа да отговорите, отговорете на това съобщение, като запазите адреса за отговор."},
      {"sr", "У прилогу достављамо наше писмо бр. {n} од {d}.\nДа бисте одговорили, одговорите на ову поруку задржавајући адресу за одговор."},
      {"hr", "U privitku dostavljamo naše pismo br. {n} od {d}.\nZa odgovor odgovorite na ovu poruku zadržavajući adresu za odgovor."},
      {"hu", "Mellékelten küldjük {d} keltű, {n} számú levelünket.\nVálaszához kérjük, válaszoljon erre az üzenetre a válaszcím megtartásával."},
      {"ro", "Vă transmitem atașat scrisoarea noastră nr. {n} din {d}.\nPentru a răspunde, răspundeți la acest mesaj păstrând adresa de răspuns."},
      {"tr", "{d} tarihli ve {n} sayılı yazımız ekte sunulmuştur.\nYanıt vermek için yanıt adresini koruyarak bu iletiyi yanıtlayınız."},
      {"ar", "مرفق رسالتنا رقم {n} بتاريخ {d}.\nللرد، يرجى الرد على هذه الرسالة مع الإبقاء على عنوان الرد."},
      {"ja", "{d}付け第{n}号の書簡を添付にてお送りします。\nご返信の際は、返信先アドレスを変えずにこのメッセージにご返信ください。"},
      {"zh", "随函附上我方{d}第{n}号信函。\n如需答复，请直接回复本邮件并保留回复地址。"},
      {"hy", "Կից ուղարկում ենք մեր {d} թվականի № {n} նամակը։\nՊատասխանելու համար պատասխանեք այս հաղորդագրությանը՝ պահպանելով պատասխանի հասցեն։"},
  };
  return t;
}

const std::string* text_for(std::string_view lang) {
  std::string_view base = lang.substr(0, lang.find('-'));
  auto it = texts().find(base);
  return it == texts().end() ? nullptr : &it->second;
}

void replace_all(std::string& s, std::string_view from, std::string_view to) {
  for (auto at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) {
    s.replace(at, from.size(), to);
  }
}

}  // namespace

bool has_cover_text(std::string_view lang) { return text_for(lang) != nullptr; }

std::string cover_text(std::string_view lang, std::string_view number, std::string_view date,
                       std::string_view subject) {
  const std::string* t = text_for(lang);
  std::string out = t ? *t : texts().at("en");
  replace_all(out, "{n}", number);
  replace_all(out, "{d}", date);
  if (!subject.empty()) out = std::string(subject) + "\n\n" + out;
  return out + "\n";
}

}  // namespace twinning::mail
